/**
 * Installing the bundled corpus: on first run, and again whenever the extension ships a bundle with a
 * different `corpusVersion`. User data (reading list, imported and learned papers) is never touched:
 * only records whose sole provenance is `bundled` are replaced or removed.
 */
import type { CorpusBundle } from '../corpus/bundle';
import type { Database } from '../db/database';
import { fromStored, toStored } from '../db/papers';

const META_KEY = 'corpusVersion';

export async function installBundle(db: Database, bundle: CorpusBundle): Promise<'installed' | 'current'> {
  const current = await db.get('meta', META_KEY);
  if (current === bundle.corpusVersion) return 'current';
  const tx = db.transaction(['papers', 'meta'], 'readwrite');
  const papers = tx.objectStore('papers');
  const incoming = new Set(bundle.papers.map((p) => p.id as string));
  // Drop bundled-only papers the new bundle no longer has; strip 'bundled' from the others.
  let cursor = await papers.index('by-source').openCursor('bundled');
  const pending: Promise<unknown>[] = [];
  while (cursor) {
    const stored = cursor.value;
    if (!incoming.has(stored.id)) {
      const rest = stored.provenance.filter((p) => p.kind !== 'bundled');
      pending.push(rest.length ? papers.put(toStored({ ...fromStored(stored), provenance: rest })) : cursor.delete());
    }
    cursor = await cursor.continue();
  }
  const existing = await Promise.all(bundle.papers.map((p) => papers.get(p.id)));
  bundle.papers.forEach((p, i) => {
    const old = existing[i];
    const others = old ? old.provenance.filter((q) => q.kind !== 'bundled') : [];
    // The bundle's metadata wins for the fields it has; fields only an import or a page gave (and
    // their provenance) are kept, so installing never loses what the user brought in.
    const base = old ? fromStored(old) : {};
    pending.push(papers.put(toStored({ ...base, ...p, provenance: [...p.provenance, ...others] })));
  });
  pending.push(tx.objectStore('meta').put(bundle.corpusVersion, META_KEY));
  await Promise.all([...pending, tx.done]);
  return 'installed';
}

export async function installedCorpusVersion(db: Database): Promise<string | undefined> {
  const v = await db.get('meta', META_KEY);
  return typeof v === 'string' ? v : undefined;
}
