/** The novelty figure a panel shows, as the background answers it (see engine/novelty.ts). */
import type { PaperId } from '../core/paper';

/** An earlier corpus paper that already uses one of the paper's distinctive words. */
export interface EarlierUse {
  readonly word: string;
  /** The earliest corpus paper using the word, named so the reader can check it. */
  readonly id: PaperId;
  readonly title: string;
  readonly year?: number;
}

export type NoveltyView =
  | {
      readonly status: 'withheld';
      /** Why no figure is shown, in a sentence. */
      readonly reason: string;
      /** Corpus papers dated before this one (in its primary category when it has one). */
      readonly earlier: number;
    }
  | {
      readonly status: 'scored';
      /** Share of the distinctive words no earlier corpus paper uses, 0–1. */
      readonly share: number;
      /** How many distinctive words were judged. */
      readonly distinctive: number;
      /** The words that make it novel, most distinctive first. */
      readonly novel: readonly string[];
      /** Words it shares with earlier papers, each with the earliest one. */
      readonly shared: readonly EarlierUse[];
      /** Corpus papers dated before this one: all, and in its primary category (when it has one). */
      readonly earlier: number;
      readonly earlierInCategory: number;
      readonly category?: string;
    };
