/** Messages of the options page: the corpus, imports and settings. */

export interface CorpusStatus {
  readonly papers: number;
  readonly bundled: number;
  readonly learned: number;
  readonly imported: number;
  readonly corpusVersion: string | undefined;
  readonly saved: number;
}

export interface CorpusMessages {
  /** A summary of what the corpus holds. */
  'corpus/status': { req: Record<string, never>; res: CorpusStatus };
}

export const CORPUS_TYPES = ['corpus/status'] as const satisfies readonly (keyof CorpusMessages)[];
