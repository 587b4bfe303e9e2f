/** What every handler group is given: the database, the engine, settings, a clock and the harvest driver. */
import type { PaperId } from '../../core/paper';
import { isPaperId } from '../../core/paper';
import type { Database } from '../../db/database';
import type { Messages, MessageType, PagePaper, Response } from '../../messaging/protocol';
import { PAGE_PAPER_LIMITS as L } from '../../messaging/types';
import type { Settings } from '../../settings/schema';
import type { EngineService } from '../engine-service';

export interface HandlerDeps {
  readonly db: () => Promise<Database>;
  readonly engine: EngineService;
  readonly settings: () => Promise<Settings>;
  readonly now: () => Date;
  /** Replaces the stored settings (a backup restore); unset in tests that do not restore settings. */
  readonly saveSettings?: (raw: Readonly<Record<string, unknown>>) => Promise<void>;
  /** The harvest driver, nudged after a control changes the stored harvest; unset in tests without one. */
  readonly harvest?: { wake(): void };
}

export type HandlerGroup<K extends MessageType> = { [T in K]: (data: Messages[T]['req']) => Promise<Response<T>> };

export class BadRequest extends Error {
  override name = 'BadRequest';
}

export function paperIds(v: unknown, max = 5000): PaperId[] {
  if (!Array.isArray(v) || v.length > max || !v.every((x) => typeof x === 'string' && isPaperId(x)))
    throw new BadRequest(`ids must be a list of at most ${max} paper ids`);
  return v as PaperId[];
}

const optionalText = (v: unknown, max: number) => v === undefined || (typeof v === 'string' && v.length <= max);

/** Checks a paper a page sent. Bounds every field so a hostile page cannot flood the background. */
export function pagePaper(v: unknown): PagePaper {
  const p = v as Partial<PagePaper> | null;
  if (
    !p ||
    typeof p.id !== 'string' ||
    !isPaperId(p.id) ||
    typeof p.title !== 'string' ||
    p.title.length > L.title ||
    !Array.isArray(p.authors) ||
    p.authors.length > L.authors ||
    !p.authors.every((a) => typeof a === 'string' && a.length <= L.author) ||
    typeof p.url !== 'string' ||
    p.url.length > L.url ||
    !optionalText(p.abstract, L.abstract) ||
    !optionalText(p.comments, L.comments) ||
    !optionalText(p.published, 10) ||
    !optionalText(p.doi, L.doi) ||
    !optionalText(p.journalRef, L.journalRef) ||
    (p.categories !== undefined &&
      (!Array.isArray(p.categories) || !p.categories.every((c) => typeof c === 'string' && c.length <= L.category)))
  )
    throw new BadRequest('paper must have id, title, authors and url (and bounded optional fields)');
  return p as PagePaper;
}
