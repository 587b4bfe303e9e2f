/**
 * Answers to "Build from arXiv": each control is a change of the stored harvest (src/harvest/state.ts)
 * in one transaction, then a nudge to the driver (src/background/harvest-service.ts), which does the
 * requests. Handlers never fetch.
 */
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
import { BadRequest, type HandlerDeps, type HandlerGroup } from './deps';

type HarvestType =
  | 'harvest/status'
  | 'harvest/start'
  | 'harvest/pause'
  | 'harvest/resume'
  | 'harvest/cancel'
  | 'harvest/daily';

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
    async 'harvest/status'() {
      const stored = await readHarvest(await db());
      if (!stored.ok) return { harvest: null, unreadable: stored.error };
      // Also a chance to continue: a page asking for progress wakes a worker that was stopped.
      if (isActive(stored.state)) harvest?.wake();
      return reply(stored.state);
    },

    async 'harvest/start'({ categories, start, format, daily }) {
      if (
        !Array.isArray(categories) ||
        categories.length === 0 ||
        categories.length > MAX_CATEGORIES ||
        !categories.every((c) => typeof c === 'string' && c.length <= 40)
      )
        throw new BadRequest(`categories must be a list of 1 to ${MAX_CATEGORIES} arXiv category codes`);
      if (typeof start !== 'string' || start.length > 10) throw new BadRequest('start must be a day, YYYY-MM-DD');
      if (format !== undefined && !(METADATA_FORMATS as readonly unknown[]).includes(format))
        throw new BadRequest(`format must be one of ${METADATA_FORMATS.join(', ')}`);
      if (daily !== undefined && typeof daily !== 'boolean') throw new BadRequest('daily must be true or false');
      const at = now();
      const made = newHarvest(
        { categories, start, ...(format ? { format: format as MetadataFormat } : {}), ...(daily ? { daily } : {}) },
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
    },

    'harvest/pause': () => control(pause),
    'harvest/resume': () => control(resume),
    'harvest/cancel': () => control((s) => cancel(s, now().getTime())),

    async 'harvest/daily'({ daily }) {
      if (typeof daily !== 'boolean') throw new BadRequest('daily must be true or false');
      return control((s) => setDaily(s, daily));
    },
  };
}

async function refuseUnreadable(d: Database): Promise<void> {
  const stored = await readHarvest(d);
  if (!stored.ok) throw new BadRequest(`the saved harvest cannot be read (${stored.error}): start a new one`);
}
