/**
 * Messages of "Build from arXiv" (the welcome and options pages → background). The harvest itself runs
 * in the background, so it outlives the tab; these start and steer it and read its progress. Extension
 * pages only (src/messaging/access.ts): a web page can never start a harvest.
 */
import type { MetadataFormat } from '../harvest/oai';
import type { HarvestView } from '../harvest/view';

export type { HarvestView } from '../harvest/view';

/** The harvest as the pages see it; `unreadable` when the stored state could not be read. */
export interface HarvestReply {
  readonly harvest: HarvestView | null;
  readonly unreadable?: string;
}

export interface HarvestMessages {
  'harvest/status': { req: Record<string, never>; res: HarvestReply };
  /**
   * Starts a harvest of `categories` (arXiv codes, e.g. `cs.LG`, `hep-th`, `math`) from `start`
   * (YYYY-MM-DD). Refused while another one is running, paused or stopped by an error.
   */
  'harvest/start': {
    req: { categories: string[]; start: string; format?: MetadataFormat; daily?: boolean };
    res: HarvestReply;
  };
  'harvest/pause': { req: Record<string, never>; res: HarvestReply };
  'harvest/resume': { req: Record<string, never>; res: HarvestReply };
  /** Stops for good; the papers harvested so far stay (remove them as an import). */
  'harvest/cancel': { req: Record<string, never>; res: HarvestReply };
  /** Turns the daily update of the chosen sets on or off. */
  'harvest/daily': { req: { daily: boolean }; res: HarvestReply };
}

export const HARVEST_TYPES = [
  'harvest/status',
  'harvest/start',
  'harvest/pause',
  'harvest/resume',
  'harvest/cancel',
  'harvest/daily',
] as const satisfies readonly (keyof HarvestMessages)[];
