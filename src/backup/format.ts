/**
 * The full-backup file: the reading list (with notes and tags), settings, the papers the user's browsing
 * and imports added to the corpus, and the import records. Bundled papers are not in it: every install
 * ships them.
 *
 * `formatVersion` is written into every file; `parseBackup` reads every version it knows (1 today) and
 * refuses newer ones by name rather than guessing. Validation is all-or-nothing: one bad record and the
 * whole file is refused, so a restore never writes half a file. Pure: no browser API.
 */

import { canonical } from '../core/canonical';
import { type Paper, type Result, validatePaper } from '../core/paper';
import type { ImportRecord, ReadingListEntry } from '../db/schema';
import { validateEntry } from './entry';

export { canonical };

export const BACKUP_KIND = 'paperlens-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface Backup {
  readonly kind: typeof BACKUP_KIND;
  readonly formatVersion: typeof BACKUP_FORMAT_VERSION;
  readonly exportedAt: string;
  readonly readingList: readonly ReadingListEntry[];
  /** As stored (the settings module reads it leniently: unknown fields are dropped, missing ones defaulted). */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Learned and imported papers (bundled ones ship with every install). */
  readonly papers: readonly Paper[];
  readonly imports: readonly ImportRecord[];
}

export function makeBackup(parts: Omit<Backup, 'kind' | 'formatVersion' | 'exportedAt'>, now: Date): Backup {
  return {
    kind: BACKUP_KIND,
    formatVersion: BACKUP_FORMAT_VERSION,
    exportedAt: now.toISOString(),
    readingList: [...parts.readingList].sort((a, b) => a.paperId.localeCompare(b.paperId)),
    settings: parts.settings,
    papers: [...parts.papers].sort((a, b) => a.id.localeCompare(b.id)),
    imports: [...parts.imports].sort((a, b) => a.id.localeCompare(b.id)),
  };
}

function validateImportRecord(v: unknown): Result<ImportRecord> {
  const r = v as Partial<Record<keyof ImportRecord, unknown>> | null;
  const num = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  if (
    !r ||
    typeof r !== 'object' ||
    typeof r.id !== 'string' ||
    typeof r.file !== 'string' ||
    typeof r.format !== 'string' ||
    typeof r.at !== 'string' ||
    !num(r.read) ||
    !num(r.added) ||
    !num(r.merged) ||
    !num(r.rejected) ||
    (r.state !== 'done' && r.state !== 'partial')
  )
    return { ok: false, error: `import record ${JSON.stringify(r?.id)}: malformed` };
  return { ok: true, value: r as ImportRecord };
}

/** Reads a parsed JSON value as a backup. The error says what is wrong and where. */
export function parseBackup(raw: unknown): Result<Backup> {
  const fail = (error: string) => ({ ok: false as const, error: `backup: ${error}` });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('not a Paperlens backup (no object)');
  const b = raw as Record<string, unknown>;
  if (b.kind !== BACKUP_KIND) return fail('not a Paperlens backup (kind is missing)');
  if (typeof b.formatVersion !== 'number') return fail('formatVersion is missing');
  if (b.formatVersion > BACKUP_FORMAT_VERSION)
    return fail(`formatVersion ${b.formatVersion} is newer than this version of Paperlens reads (1)`);
  if (b.formatVersion !== 1) return fail(`formatVersion ${b.formatVersion} is unknown`);
  if (typeof b.exportedAt !== 'string') return fail('exportedAt is missing');
  for (const k of ['readingList', 'papers', 'imports'] as const)
    if (!Array.isArray(b[k])) return fail(`${k} must be a list (the file may be cut short)`);
  if (typeof b.settings !== 'object' || b.settings === null || Array.isArray(b.settings))
    return fail('settings must be an object');
  const check = <T>(list: unknown[], what: string, f: (v: unknown) => Result<T>): Result<T[]> => {
    const out: T[] = [];
    const seen = new Set<string>();
    for (const [i, v] of list.entries()) {
      const r = f(v);
      if (!r.ok) return fail(`${what} #${i + 1}: ${r.error}`);
      const key = JSON.stringify((v as { paperId?: unknown; id?: unknown }).paperId ?? (v as { id?: unknown }).id);
      if (seen.has(key)) return fail(`${what} #${i + 1}: ${key} appears twice`);
      seen.add(key);
      out.push(r.value);
    }
    return { ok: true, value: out };
  };
  const readingList = check(b.readingList as unknown[], 'reading-list entry', validateEntry);
  if (!readingList.ok) return readingList;
  const papers = check(b.papers as unknown[], 'paper', validatePaper);
  if (!papers.ok) return papers;
  const imports = check(b.imports as unknown[], 'import record', validateImportRecord);
  if (!imports.ok) return imports;
  return {
    ok: true,
    value: {
      kind: BACKUP_KIND,
      formatVersion: 1,
      exportedAt: b.exportedAt,
      readingList: readingList.value,
      settings: b.settings as Record<string, unknown>,
      papers: papers.value,
      imports: imports.value,
    },
  };
}

/** What a restore will do, said before it does it. */
export interface RestorePlan {
  readonly entries: { readonly added: number; readonly updated: number; readonly unchanged: number };
  readonly papers: { readonly added: number; readonly updated: number; readonly unchanged: number };
  readonly imports: { readonly added: number; readonly updated: number; readonly unchanged: number };
  readonly settings: boolean;
}

/** What is there now, keyed by id, as canonical JSON text (so "unchanged" means byte-equal). */
export interface CurrentState {
  readonly entries: ReadonlyMap<string, string>;
  readonly papers: ReadonlyMap<string, string>;
  readonly imports: ReadonlyMap<string, string>;
  readonly settings: string;
}

export function planRestore(backup: Backup, now: CurrentState): RestorePlan {
  const count = <T>(list: readonly T[], id: (t: T) => string, current: ReadonlyMap<string, string>) => {
    let added = 0;
    let updated = 0;
    let unchanged = 0;
    for (const item of list) {
      const old = current.get(id(item));
      if (old === undefined) added++;
      else if (old === canonical(item)) unchanged++;
      else updated++;
    }
    return { added, updated, unchanged };
  };
  return {
    entries: count(backup.readingList, (e) => e.paperId, now.entries),
    papers: count(backup.papers, (p) => p.id, now.papers),
    imports: count(backup.imports, (r) => r.id, now.imports),
    settings: canonical(backup.settings) !== now.settings,
  };
}

/** One line a person reads before saying yes. */
export function describePlan(plan: RestorePlan): string {
  const part = (n: { added: number; updated: number }, what: string) =>
    `${n.added} ${what} added, ${n.updated} updated`;
  return [
    part(plan.entries, 'reading-list entries'),
    part(plan.papers, 'papers'),
    part(plan.imports, 'import records'),
    plan.settings ? 'settings replaced' : 'settings unchanged',
  ].join('; ');
}
