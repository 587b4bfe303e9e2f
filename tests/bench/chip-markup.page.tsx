/**
 * Bundled into the 2,000-entry listing page by chip-markup.ts (esbuild, IIFE): ways to put a chip on
 * every entry, each timed on the same page. `shipped` is the code the extension runs (mount.ts, chip.ts);
 * the others are the choices it was measured against. Nothing here is part of the extension.
 */
import { h, render } from 'preact';
import type { PaperId } from '../../src/core/paper';
import type { ChipData } from '../../src/messaging/protocol';
import { mountAfter } from '../../src/overlay/mount';
import { toPagePaper } from '../../src/overlay/page-paper';
import { arxivListing } from '../../src/sites/arxiv-listing';
import type { FoundPaper } from '../../src/sites/types';
import { createChip, drawChip } from '../../src/ui/chip/chip';
import { CHIP_CSS } from '../../src/ui/chip/styles';
import { themedCss } from '../../src/ui/theme';

const DATA: ChipData = {
  inCorpus: false,
  saved: false,
  topics: [
    { kind: 'topic', id: 'scaling-laws', label: 'Neural scaling laws', why: 'title mentions scaling laws' },
    { kind: 'keyphrase', id: 'kernel regression', label: 'kernel regression', why: 'distinctive term' },
  ],
};

/** Before: the chip as a Preact component (the shape it had until it was measured against plain DOM). */
function PreactChip({ title, data, onToggle }: { title: string; data: ChipData; onToggle: () => void }) {
  return (
    <button
      type="button"
      class="pl-chip"
      data-chip-state={data.saved ? 'saved' : data.inCorpus ? 'corpus' : 'new'}
      aria-expanded="false"
      aria-label={`Paperlens: not in your corpus; counting related papers; show details for ${title}`}
      onClick={onToggle}
    >
      <span class="pl-chip-mark" aria-hidden="true">
        ○
      </span>
      {data.topics.map((t) => (
        <span key={t.id} class="pl-chip-topic" data-topic={t.id} title={t.why}>
          {t.label}
        </span>
      ))}
    </button>
  );
}

type Place = (found: FoundPaper) => HTMLElement;

const css = themedCss(CHIP_CSS, ':host');
let sheet: CSSStyleSheet | undefined;
const shared = () => {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
};

const BEFORE_STYLE = 'all:initial;display:inline;';
const noop = () => {};
const draw = (chip: HTMLButtonElement, f: FoundPaper) =>
  drawChip(chip, { title: f.title, data: DATA, related: undefined, expanded: false });

/** A host built element by element, as mount.ts did before its prototype: `style` on it, a shadow root. */
function builtHost(
  doc: Document,
  id: string,
  style: string,
  sheetOrStyle: 'sheet' | 'style',
): [HTMLElement, HTMLElement] {
  const el = doc.createElement('paperlens-chip');
  el.dataset.paperlens = 'chip';
  el.dataset.paperId = id;
  el.style.cssText = style;
  const root = el.attachShadow({ mode: 'open' });
  if (sheetOrStyle === 'sheet') root.adoptedStyleSheets = [shared()];
  else {
    const s = doc.createElement('style');
    s.textContent = css;
    root.append(s);
  }
  const span = doc.createElement('span');
  span.setAttribute('data-paperlens-root', '');
  root.append(span);
  return [el, span];
}

/** The shipped host's inline style without `content-visibility`. */
const NO_CV = 'all:initial;display:inline-block;vertical-align:middle;';

export const VARIANTS: Record<string, (doc: Document) => Place> = {
  /**
   * What ships: mount.ts (a clone of a prototype host with a clonable open shadow root, one shared
   * constructed sheet, `content-visibility: auto`) and chip.ts (a cloned template filled with text).
   */
  shipped: () => (f) => {
    const m = mountAfter(f.anchor, 'chip', f.id as PaperId, CHIP_CSS, false);
    const chip = createChip(m.host.ownerDocument, noop);
    m.container.append(chip);
    draw(chip, f);
    return m.host;
  },
  /** The same, with every chip laid out (no `content-visibility`). */
  'shipped without content-visibility': () => (f) => {
    const m = mountAfter(f.anchor, 'chip', f.id as PaperId, CHIP_CSS, false);
    m.host.style.cssText = NO_CV;
    const chip = createChip(m.host.ownerDocument, noop);
    m.container.append(chip);
    draw(chip, f);
    return m.host;
  },
  /** Hosts built one by one (no prototype clone), no `content-visibility`. */
  'built hosts, plain DOM chip': (doc) => (f) => {
    const [el, span] = builtHost(doc, f.id, NO_CV, 'sheet');
    const chip = createChip(doc, noop);
    span.append(chip);
    draw(chip, f);
    return el;
  },
  /** A <style> in every shadow root instead of the shared constructed sheet. */
  'built hosts, <style> in each root': (doc) => (f) => {
    const [el, span] = builtHost(doc, f.id, NO_CV, 'style');
    const chip = createChip(doc, noop);
    span.append(chip);
    draw(chip, f);
    return el;
  },
  /** Before: built hosts with the shared sheet, the chip a Preact component. */
  'before: built hosts, Preact chip': (doc) => (f) => {
    const [el, span] = builtHost(doc, f.id, BEFORE_STYLE, 'sheet');
    render(h(PreactChip, { title: f.title, data: DATA, onToggle: noop }), span);
    return el;
  },
  /** No shadow root: light DOM under the host, styled by one document-level sheet. Not isolated. */
  'light DOM, one document sheet (no isolation)': (doc) => {
    const light = new CSSStyleSheet();
    light.replaceSync(CHIP_CSS.replace(':host { all: initial; }', '').replace(/\.pl-chip/g, 'paperlens-chip .pl-chip'));
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, light];
    return (f) => {
      const el = doc.createElement('paperlens-chip');
      el.dataset.paperlens = 'chip';
      el.dataset.paperId = f.id;
      const chip = createChip(doc, noop);
      el.append(chip);
      draw(chip, f);
      return el;
    };
  },
};

/** A page stylesheet that would restyle any chip it reaches. */
const HOSTILE = `* { letter-spacing: 7px !important; font-style: italic !important; }
  button, span { color: rgb(0, 128, 0) !important; font-size: 31px !important; }
  .pl-chip { display: none !important; }`;

export interface Timing {
  /** Reading the 2,000 entries with the listing adapter (the same for every variant). */
  readMs: number;
  /** Building every chip, not yet in the page. */
  buildMs: number;
  /** Putting them in the page. */
  insertMs: number;
  /** To the end of the frame that follows (style, layout, paint). */
  layoutMs: number;
  chips: number;
  /** Whether the page's own CSS left the chips alone. */
  isolated: boolean;
}

export async function run(name: string): Promise<Timing> {
  const doc = document;
  const make = VARIANTS[name];
  if (!make) throw new Error(`no variant ${name}`);
  void doc.body.offsetHeight;
  const t0 = performance.now();
  const found = (arxivListing.entries?.(doc) ?? []).flatMap((dt) => {
    const f = arxivListing.readEntry?.(dt, new URL(location.href));
    if (f) toPagePaper(f);
    return f ? [f] : [];
  });
  const t1 = performance.now();
  const place = make(doc);
  const hosts = found.map((f) => [f, place(f)] as const);
  const t2 = performance.now();
  for (const [f, el] of hosts) f.anchor.after(el);
  const t3 = performance.now();
  // The frame that follows: style, layout, pre-paint and paint of the page with its chips.
  performance.mark('markup:layout-start');
  await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  performance.mark('markup:layout-end');
  const t4 = performance.now();
  return {
    readMs: t1 - t0,
    buildMs: t2 - t1,
    insertMs: t3 - t2,
    layoutMs: t4 - t3,
    chips: doc.querySelectorAll('paperlens-chip').length,
    isolated: isolated(),
  };
}

/** Whether a hostile page stylesheet reaches the chips. */
function isolated(): boolean {
  const doc = document;
  const style = doc.createElement('style');
  style.textContent = HOSTILE;
  doc.head.append(style);
  const sample = doc.querySelector('paperlens-chip');
  const button = (sample?.shadowRoot ?? sample)?.querySelector('button');
  const look = button ? getComputedStyle(button) : undefined;
  const ok =
    !!look &&
    look.display !== 'none' &&
    look.fontSize === '11px' &&
    look.color !== 'rgb(0, 128, 0)' &&
    look.letterSpacing === 'normal' &&
    look.fontStyle === 'normal';
  style.remove();
  return ok;
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Ways to order the work after DOMContentLoaded; each ends when every chip is drawn and painted. */
export const FLOWS: Record<string, (url: URL) => Promise<number>> = {
  /** The page's own first frame, nothing else. */
  'the page alone': async () => {
    await frame();
    return 0;
  },
  /** Let the page render first, then read every entry and put its chip in, in one go. */
  'chips after the first frame': async (url) => {
    await frame();
    const t = performance.now();
    const place = VARIANTS.shipped?.(document);
    for (const dt of arxivListing.entries?.(document) ?? []) {
      const f = arxivListing.readEntry?.(dt, url);
      if (f && place) f.anchor.after(place(f));
    }
    const took = performance.now() - t;
    await frame();
    return took;
  },
  /**
   * Before the first frame put an empty host after each entry's abs link (cheap: no reading), so the
   * page is laid out once with them; then read the entries and fill the chips (off screen: not laid out).
   */
  'empty hosts before the first frame, filled after': async (url) => {
    const t = performance.now();
    const hosts: [Element, ReturnType<typeof mountAfter>][] = [];
    for (const dt of arxivListing.entries?.(document) ?? []) {
      const a = dt.querySelector('a[title="Abstract"]');
      const id = a?.id;
      if (a && id) hosts.push([dt, mountAfter(a, 'chip', id as PaperId, CHIP_CSS, true)]);
    }
    const took = performance.now() - t;
    await frame();
    for (const [dt, m] of hosts) {
      const f = arxivListing.readEntry?.(dt, url);
      if (!f) continue;
      const chip = createChip(document, noop);
      m.container.append(chip);
      draw(chip, f);
    }
    await frame();
    return took;
  },
};

/** Runs a flow at DOMContentLoaded; `__plFlow` says how long its first task (before any frame) took. */
export function atDcl(name: string): void {
  const go = async () => {
    performance.mark('flow:start');
    const firstTaskMs = await (FLOWS[name]?.(new URL(location.href)) ?? Promise.resolve(0));
    performance.mark('flow:end');
    const [a, b] = ['flow:start', 'flow:end'].map((n) => performance.getEntriesByName(n)[0]?.startTime ?? 0);
    (window as unknown as { __plFlow: object }).__plFlow = { firstTaskMs, wallMs: (b ?? 0) - (a ?? 0) };
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void go(), { once: true });
  else void go();
}
