/**
 * What a seed document says about one paper, before it is matched to the reference. Pure.
 *
 * Every field is read from the page; none is inferred. A field the page does not show is absent.
 */
import type { AuthorStats } from '../../core/paper';

export interface SeedEntry {
  /** The seed file name, e.g. `004_434d8a0aaaef3b0a.txt`. */
  readonly file: string;
  /** 1-based line where the entry starts, for error messages and the match report. */
  readonly line: number;
  readonly title?: string;
  readonly authors?: readonly string[];
  /** The page listed only the first authors ("et al.", "(+40 more)"). */
  readonly authorsTruncated?: boolean;
  readonly abstract?: string;
  /** The text under the title is the paper's introduction (it cites `[17]`), not its abstract. */
  readonly abstractIsExcerpt?: boolean;
  /** Category label as listed: "LG", "HEP-TH". */
  readonly label?: string;
  /** Listing date, ISO. */
  readonly date?: string;
  /** Source line, e.g. "arXiv.org Machine Learning". */
  readonly venue?: string;
  readonly organisations?: readonly string[];
  readonly hasCode?: boolean;
  readonly codeUrls?: readonly string[];
}

export type SeedKind = 'author-profile' | 'code-for-papers' | 'collaborating-authors' | 'listing';

export interface SeedDocument {
  readonly file: string;
  readonly kind: SeedKind;
  /** The page's own subject, when it is an author's page. */
  readonly pageAuthor?: string;
  readonly entries: readonly SeedEntry[];
  readonly authorStats: readonly AuthorStats[];
}

/** A parser claims a document by its shape, not its name, so a renamed file still parses. */
export interface SeedParser {
  readonly kind: SeedKind;
  /** A human description used in provenance, e.g. "author profile page". */
  readonly description: string;
  readonly recognise: (text: string) => boolean;
  readonly parse: (text: string, file: string) => SeedDocument;
}
