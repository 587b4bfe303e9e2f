/** Answers to the options page: what the corpus holds. */
import { countPapers } from '../../db/papers';
import { installedCorpusVersion } from '../install';
import type { HandlerDeps, HandlerGroup } from './deps';

export function corpusHandlers({ db }: HandlerDeps): HandlerGroup<'corpus/status'> {
  return {
    async 'corpus/status'() {
      const d = await db();
      const [papers, bundled, learned, imported, saved, corpusVersion] = await Promise.all([
        countPapers(d),
        countPapers(d, 'bundled'),
        countPapers(d, 'learned'),
        countPapers(d, 'imported'),
        d.count('readingList'),
        installedCorpusVersion(d),
      ]);
      return { papers, bundled, learned, imported, saved, corpusVersion };
    },
  };
}
