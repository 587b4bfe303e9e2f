/**
 * Every message between content scripts, extension pages and the background: one typed map from
 * message type to request and response. Requests are validated where they arrive (`parseRequest`);
 * a sender can only name a type listed here.
 */
import type { Paper, PaperId } from '../core/paper';
import type { ReadingListEntry } from '../db/schema';

/** A paper as a page shows it: what a content script can read without the corpus. */
export interface PagePaper {
  readonly id: PaperId;
  readonly title: string;
  readonly authors: readonly string[];
  readonly abstract?: string;
  readonly url: string;
}

export interface CorpusStatus {
  readonly papers: number;
  readonly bundled: number;
  readonly learned: number;
  readonly imported: number;
  readonly corpusVersion: string | undefined;
  readonly saved: number;
}

/** One search result, ready to show: plain text plus highlight ranges (never HTML). */
export interface SearchHit {
  readonly id: PaperId;
  readonly title: string;
  readonly authors: readonly string[];
  readonly year?: number;
  readonly score: number;
  readonly saved: boolean;
}

export interface Messages {
  /** Popup/library → background: ranked search over the corpus. */
  'search/query': { req: { query: string; limit?: number }; res: { hits: SearchHit[]; total: number } };
  /** Content script → background: which of these ids are in the corpus, and which are saved. */
  'papers/lookup': { req: { ids: PaperId[] }; res: { inCorpus: PaperId[]; saved: PaperId[] } };
  /** Any → background: one corpus record. */
  'papers/get': { req: { id: PaperId }; res: { paper: Paper | null } };
  /** Any → background: a summary of what the corpus holds. */
  'corpus/status': { req: Record<string, never>; res: CorpusStatus };
  /** Any → background: save or unsave a paper; returns the new state. */
  'readingList/toggle': { req: { paper: PagePaper }; res: { saved: boolean } };
  /** Extension page → background: the whole reading list, newest first. */
  'readingList/list': { req: Record<string, never>; res: { entries: ReadingListEntry[] } };
}

export type MessageType = keyof Messages;
export type Request<T extends MessageType = MessageType> = { [K in T]: { type: K; data: Messages[K]['req'] } }[T];
export type Response<T extends MessageType> = Messages[T]['res'];

/** What crosses the wire back: a value or a clear error, never an exception across contexts. */
export type Reply<T extends MessageType> = { ok: true; value: Response<T> } | { ok: false; error: string };

const TYPES: ReadonlySet<string> = new Set<MessageType>([
  'search/query',
  'papers/lookup',
  'papers/get',
  'corpus/status',
  'readingList/toggle',
  'readingList/list',
]);

/** Shape check for an incoming message. Handlers validate their own payload fields. */
export function parseRequest(raw: unknown): Request | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { type, data } = raw as { type?: unknown; data?: unknown };
  if (typeof type !== 'string' || !TYPES.has(type)) return undefined;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  return raw as Request;
}
