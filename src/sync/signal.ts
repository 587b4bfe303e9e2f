/** "The reading list changed here": raised by the handlers after a write, heard by sync. No browser API. */
type Listener = () => void;
const listeners = new Set<Listener>();

export function readingListChanged(): void {
  for (const l of listeners) l();
}

export function onReadingListChanged(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
