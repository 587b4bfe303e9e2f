/**
 * Streaming XML for the feed importers, on `saxes` (no DOMParser in Node, and none needed). Pure.
 *
 * Only one record's elements are held at a time: when an element named in `recordNames` closes, its
 * small tree is handed out and dropped, so a large OAI-PMH harvest is read in bounded memory. Names are
 * compared without their namespace prefix (`arxiv:doi` → `doi`, `dc:creator` → `creator`), which is
 * enough to tell the formats apart and keeps the importers readable.
 */
import { SaxesParser } from 'saxes';
import { chunksOf, type TextInput } from './chunks';

export interface XmlNode {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
  text: string;
  /** 1-based line of the start tag. */
  readonly line: number;
}

export type XmlEvent =
  | { readonly kind: 'record'; readonly node: XmlNode; readonly path: readonly string[] }
  | { readonly kind: 'root'; readonly name: string; readonly attrs: Readonly<Record<string, string>> }
  | { readonly kind: 'error'; readonly message: string; readonly line: number };

const local = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Yields each record element as a tree, the root element's name first, and at most one error (then stops). */
export async function* xmlRecords(input: TextInput, recordNames: ReadonlySet<string>): AsyncGenerator<XmlEvent> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const out: XmlEvent[] = [];
  const stack: XmlNode[] = [];
  const path: string[] = [];
  let failure: { message: string; line: number } | undefined;
  let sawRoot = false;
  parser.on('error', (e) => {
    failure ??= { message: e.message.replace(/^[^:]*:\d+:\d+: /, ''), line: parser.line };
  });
  parser.on('opentag', (tag) => {
    const name = local(tag.name);
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[local(k)] = String(v);
    if (!sawRoot) {
      sawRoot = true;
      out.push({ kind: 'root', name, attrs });
    }
    if (stack.length || recordNames.has(name)) {
      const node: XmlNode = { name, attrs, children: [], text: '', line: parser.line };
      stack.at(-1)?.children.push(node);
      stack.push(node);
    } else path.push(name);
  });
  const onText = (t: string) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const node = stack.pop();
    if (!node) path.pop();
    else if (stack.length === 0 && !failure) out.push({ kind: 'record', node, path: [...path] });
  });
  for await (const chunk of chunksOf(input)) {
    parser.write(chunk);
    yield* drain(out);
    if (failure) break;
  }
  if (!failure) parser.close();
  yield* drain(out);
  if (failure) yield { kind: 'error', ...failure };
  else if (!sawRoot) yield { kind: 'error', message: 'no XML element found', line: 1 };
}

function* drain(queue: XmlEvent[]): Generator<XmlEvent> {
  while (queue.length) yield queue.shift() as XmlEvent;
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** Text of a child, trimmed; undefined when absent or empty. */
export function textOf(node: XmlNode, name: string): string | undefined {
  const t = child(node, name)?.text.trim();
  return t ? t : undefined;
}
