/**
 * An abs panel's "Figures": the HTML version fetched (a fake fetch standing in for arxiv.org) and read
 * with linkedom as DOMParser would, or the reason there is no list: no HTML version, offline, a timeout,
 * another status, an answer from elsewhere, a page without a LaTeXML document.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { FetchText } from '../../../src/options/arxiv';
import { loadHtmlVersion } from '../../../src/overlay/figures';

const HTML = readFileSync(new URL('../../fixtures/pages/arxiv.org/html/2503.04567.html', import.meta.url), 'utf8');
const URL_ASKED = 'https://arxiv.org/html/2503.04567';
const parse = (html: string) => parseHTML(html).document as unknown as Document;

function fakeFetch(answer: Awaited<ReturnType<FetchText>> | Error) {
  const asked: string[] = [];
  const fetchText: FetchText = async (url) => {
    asked.push(url);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { asked, fetchText };
}

describe("an abs panel's figures, from the HTML version", () => {
  it('asks once for the HTML version and lists its floats, linked into that version', async () => {
    const f = fakeFetch({ status: 200, text: HTML, url: 'https://arxiv.org/html/2503.04567v1' });
    const answer = await loadHtmlVersion(URL_ASKED, { fetchText: f.fetchText, parse });
    expect(f.asked).toEqual([URL_ASKED]);
    expect(answer.kind).toBe('figures');
    if (answer.kind !== 'figures') return;
    expect(answer.figures.map((x) => x.label)).toEqual([
      'Figure 1',
      'Figure 2',
      'Table 1',
      'Algorithm 1',
      'Figure 3',
      'Figure 4',
      'Figure 5',
      'Table 2',
      'Figure 6',
    ]);
    expect(answer.pageUrl).toBe('https://arxiv.org/html/2503.04567v1');
    expect(answer.figures[0]?.image).toBe('https://arxiv.org/html/2503.04567v1/x1.png');
  });

  it('says there is no HTML version when arXiv answers 404', async () => {
    const f = fakeFetch({ status: 404, text: '<h1>No HTML for this paper</h1>' });
    const answer = await loadHtmlVersion(URL_ASKED, { fetchText: f.fetchText, parse });
    expect(answer).toMatchObject({ kind: 'none', message: expect.stringMatching(/no HTML version/) });
  });

  it('says what went wrong when offline, on another status, or on a page that is no LaTeXML document', async () => {
    const offline = await loadHtmlVersion(URL_ASKED, {
      fetchText: fakeFetch(new TypeError('Failed')).fetchText,
      parse,
    });
    expect(offline).toMatchObject({ kind: 'error', message: expect.stringMatching(/offline/) });
    const busy = await loadHtmlVersion(URL_ASKED, { fetchText: fakeFetch({ status: 503, text: '' }).fetchText, parse });
    expect(busy).toMatchObject({ kind: 'error', message: 'arxiv.org answered HTTP 503.' });
    const plain = await loadHtmlVersion(URL_ASKED, {
      fetchText: fakeFetch({ status: 200, text: '<p>Conversion failed.</p>' }).fetchText,
      parse,
    });
    expect(plain).toMatchObject({ kind: 'none', message: expect.stringMatching(/no LaTeXML document/) });
  });

  it('refuses an answer that came from another site after a redirect', async () => {
    const f = fakeFetch({ status: 200, text: HTML, url: 'https://mirror.example.com/html/2503.04567v1' });
    expect(await loadHtmlVersion(URL_ASKED, { fetchText: f.fetchText, parse })).toMatchObject({ kind: 'error' });
  });

  it('gives up with a message when arxiv.org does not answer in time', async () => {
    const fetchText: FetchText = (_url, signal) =>
      new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const answer = await loadHtmlVersion(URL_ASKED, { fetchText, parse, timeoutMs: 20 });
    expect(answer).toMatchObject({ kind: 'error', message: expect.stringMatching(/did not answer within/) });
  });
});
