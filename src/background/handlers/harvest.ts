/**
 * Answers to "Build from arXiv": each control is a change of the stored harvest (src/harvest/state.ts)
 * in one transaction, then a nudge to the driver (src/background/harvest-service.ts), which does the
 * requests. Handlers never fetch.
 */

import { err, ok, type Result } from '../../core/paper';
import type { Database } from '../../db/database';
import { clearHarvest, readHarvest, updateHarvest } from '../../db/harvest-store';
import { METADATA_FORMATS, type MetadataFormat } from '../../harvest/oai';
import {
  cancel,
  type HarvestState,
  isActive,
  MAX_CATEGORIES,
  newHarvest,
  newHarvestId,
  pause,
  resume,
  setDaily,
} from '../../harvest/state';
import { harvestView } from '../../harvest/view';
import type { HarvestReply } from '../../messaging/harvest';
import { bool, empty, optional, shape } from '../../messaging/parse';
import { BadRequest, type HandlerDeps, type HandlerGroup, handler } from './deps';

type HarvestType =
  | 'harvest/status'
  | 'harvest/start'
  | 'harvest/pause'
  | 'harvest/resume'
  | 'harvest/cancel'
  | 'harvest/daily';

const categoriesOf = (v: unknown): Result<string[]> =>
  Array.isArray(v) &&
  v.length > 0 &&
  v.length <= MAX_CATEGORIES &&
  v.every((c) => typeof c === 'string' && c.length <= 40)
    ? ok(v as string[])
    : err(`categories must be a list of 1 to ${MAX_CATEGORIES} arXiv category codes`);
const startOf = (v: unknown): Result<string> =>
  typeof v === 'string' && v.length <= 10 ? ok(v) : err('start must be a day, YYYY-MM-DD');
const formatOf = (v: unknown): Result<MetadataFormat> =>
  (METADATA_FORMATS as readonly unknown[]).includes(v)
    ? ok(v as MetadataFormat)
    : err(`format must be one of ${METADATA_FORMATS.join(', ')}`);
const startRequest = shape({
  categories: categoriesOf,
  start: startOf,
  format: optional(formatOf),
  daily: optional(bool('daily')),
});

export function harvestHandlers({ db, now, harvest }: HandlerDeps): HandlerGroup<HarvestType> {
  const reply = (s: HarvestState | undefined): HarvestReply => ({
    harvest: s ? harvestView(s, now().getTime()) : null,
  });
  /** Applies a control to the stored harvest; refuses when there is none to steer. */
  const control = async (change: (s: HarvestState) => HarvestState): Promise<HarvestReply> => {
    const d = await db();
    await refuseUnreadable(d);
    const stored = await updateHarvest(d, (s) => (s ? change(s) : undefined));
    if (!stored) throw new BadRequest('there is no harvest to change: start one first');
    harvest?.wake();
    return reply(stored);
  };
  return {
    'harvest/status': handler(empty, async () => {
      const stored = await readHarvest(await db());
      if (!stored.ok) return { harvest: null, unreadable: stored.error };
      // Also a chance to continue: a page asking for progress wakes a worker that was stopped.
      if (isActive(stored.state)) harvest?.wake();
      return reply(stored.state);
    }),

    'harvest/start': handler(startRequest, async ({ categories, start, format, daily }) => {
      const at = now();
      const made = newHarvest(
        { categories, start, ...(format ? { format } : {}), ...(daily ? { daily } : {}) },
        newHarvestId(at),
        at.getTime(),
      );
      if (!made.ok) throw new BadRequest(made.error);
      const d = await db();
      // An unreadable old state is replaced by the new harvest (its papers stay as an import).
      if (!(await readHarvest(d)).ok) await clearHarvest(d);
      let refused: HarvestState | undefined;
      const stored = await updateHarvest(d, (s) => {
        if (isActive(s)) {
          refused = s;
          return undefined;
        }
        return made.value;
      });
      if (refused)
        throw new BadRequest(
          `a harvest is already ${refused.status === 'running' ? 'running' : refused.status}: cancel it first`,
        );
      harvest?.wake();
      return reply(stored);
    }),

    'harvest/pause': handler(empty, () => control(pause)),
    'harvest/resume': handler(empty, () => control(resume)),
    'harvest/cancel': handler(empty, () => control((s) => cancel(s, now().getTime()))),
    'harvest/daily': handler(shape({ daily: bool('daily') }), ({ daily }) => control((s) => setDaily(s, daily))),
  };
}

async function refuseUnreadable(d: Database): Promise<void> {
  const stored = await readHarvest(d);
  if (!stored.ok) throw new BadRequest(`the saved harvest cannot be read (${stored.error}): start a new one`);
}
