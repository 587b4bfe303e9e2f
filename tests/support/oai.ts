/**
 * arXiv's OAI-PMH interface played back from the recorded-response fixtures
 * (tests/fixtures/feeds/arxiv-oai): the unit tests' fake server, the end-to-end responder and the bench
 * all answer from here. `cs:cs:LG` from 2026-11-23 has three pages (tokens `6930213|1001`, `6930213|2001`),
 * `stat:stat:ML` and `physics:hep-th` (arXivRaw) one each; any other window has no records, and any other
 * token is unknown (badResumptionToken), as arXiv answers.
 */
import { readFileSync } from 'node:fs';

export const oaiFixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/feeds/arxiv-oai/${name}`, import.meta.url), 'utf8');

/** The fixture that answers `url`. */
export function recordedFile(url: URL): string {
  const q = url.searchParams;
  const token = q.get('resumptionToken');
  if (token === '6930213|1001') return 'cs.LG-2.xml';
  if (token === '6930213|2001') return 'cs.LG-3.xml';
  if (token) return 'badResumptionToken.xml';
  const first = q.get('from') === '2026-11-23';
  if (q.get('set') === 'cs:cs:LG' && first) return 'cs.LG-1.xml';
  if (q.get('set') === 'stat:stat:ML' && first) return 'stat.ML-1.xml';
  if (q.get('set') === 'physics:hep-th' && first && q.get('metadataPrefix') === 'arXivRaw') return 'hep-th-raw.xml';
  return 'noRecordsMatch.xml';
}

export const recorded = (url: URL): { status: number; text: string } => ({
  status: 200,
  text: oaiFixture(recordedFile(url)),
});
