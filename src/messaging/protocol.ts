/**
 * Every message between content scripts, extension pages and the background: one typed map from
 * message type to request and response, composed from one interface per domain (overlay, library,
 * corpus, harvest). Requests are shape-checked where they arrive (`parseRequest`); a sender can only name a type
 * listed here, and each handler validates its own payload.
 */
import { CORPUS_TYPES, type CorpusMessages } from './corpus';
import { HARVEST_TYPES, type HarvestMessages } from './harvest';
import { LIBRARY_TYPES, type LibraryMessages } from './library';
import { OVERLAY_TYPES, type OverlayMessages } from './overlay';

export type { CorpusStatus } from './corpus';
export type { HarvestReply, HarvestView } from './harvest';
export type { SearchFilters, SearchHit } from './library';
export type { ChipData, PanelData, PanelRequest, RecognisedPaper, RecogniseEntry } from './overlay';
export type * from './types';

export interface Messages extends OverlayMessages, LibraryMessages, CorpusMessages, HarvestMessages {}

export type MessageType = keyof Messages;
export type Request<T extends MessageType = MessageType> = { [K in T]: { type: K; data: Messages[K]['req'] } }[T];
export type Response<T extends MessageType> = Messages[T]['res'];

/** What crosses the wire back: a value or a clear error, never an exception across contexts. */
export type Reply<T extends MessageType> = { ok: true; value: Response<T> } | { ok: false; error: string };

const LISTED = [...OVERLAY_TYPES, ...LIBRARY_TYPES, ...CORPUS_TYPES, ...HARVEST_TYPES] as const;
// Fails to compile when a domain declares a message it forgot to list.
type Unlisted = Exclude<MessageType, (typeof LISTED)[number]>;
const everyTypeListed: [Unlisted] extends [never] ? true : never = true;
void everyTypeListed;

const TYPES: ReadonlySet<string> = new Set<string>(LISTED);

export function parseRequest(raw: unknown): Request | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { type, data } = raw as { type?: unknown; data?: unknown };
  if (typeof type !== 'string' || !TYPES.has(type)) return undefined;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  return raw as Request;
}
