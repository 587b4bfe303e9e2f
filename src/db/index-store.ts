/** The engine's index records, read from the `index` store (an `IndexSource`, src/engine/index/reader.ts). */
import type { IndexSource } from '../engine/index/reader';
import type { Database } from './database';

/** Reads records in one read-only transaction: the requests go out together, not one after another. */
export function indexSource(db: () => Promise<Database>): IndexSource {
  return {
    async get(keys) {
      const tx = (await db()).transaction('index');
      const values = await Promise.all(keys.map((k) => tx.store.get(k)));
      await tx.done;
      return values;
    },
  };
}
