/**
 * The inline panel chips and badges share (linkedom): it opens under its entry asking for what the entry
 * says (by id for a corpus paper), closes from its Close button with focus back on the entry's button,
 * and a save made in it reaches the runner.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { PaperId } from '../../../src/core/paper';
import type { PanelData, PanelRequest } from '../../../src/messaging/protocol';
import { InlinePanels } from '../../../src/overlay/inline-panel';
import type { PanelApi } from '../../../src/ui/panel/Panel';

const ID = '2210.16859' as PaperId;
const paper = { id: ID, title: 'A Solvable Model of Neural Scaling Laws', authors: ['A. Maloney'], url: '' };
const data: PanelData = {
  inCorpus: true,
  saved: false,
  paper: null,
  authors: [],
  related: [],
  topics: [],
  codeUrls: [],
  codeLinks: [],
  novelty: { status: 'withheld', reason: 'a tiny corpus', earlier: 0 },
  bibtex: '',
};

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('inline panels', () => {
  it('open under the entry by id, close with focus back on the button, and pass saves to the runner', async () => {
    const { document } = parseHTML(
      '<html><body><div id="entry">An entry</div><button id="chip">chip</button></body></html>',
    );
    const asked: PanelRequest[] = [];
    const saves: [PaperId, boolean][] = [];
    const api = {
      data: async (r: PanelRequest) => {
        asked.push(r);
        return data;
      },
      setSaved: async (_paper, saved) => saved,
      collapsed: async () => false,
      setCollapsed: () => {},
      libraryUrl: (v: string) => `#${v}`,
      openLibrary: () => {},
      copyText: async () => {},
    } as PanelApi;
    const panels = new InlinePanels(api, (id, saved) => saves.push([id, saved]));
    const anchor = document.getElementById('entry') as unknown as Element;
    const button = document.getElementById('chip') as unknown as HTMLElement;
    let focused = 0;
    button.focus = () => {
      focused++;
    };
    const toggles: boolean[] = [];
    const entry = {
      anchor,
      paper,
      request: () => ({ id: ID }),
      button: () => button,
      toggled: (o: boolean) => toggles.push(o),
    };

    panels.toggle(entry);
    const host = anchor.nextElementSibling;
    expect(host?.getAttribute('data-paperlens')).toBe('panel');
    expect(host?.getAttribute('data-paper-id')).toBe(ID);
    expect(panels.isOpen(entry)).toBe(true);
    expect(asked).toEqual([{ id: ID }]);
    await settle();

    // Saving in the panel reaches the runner (the chip or badge shows it).
    const save = host?.shadowRoot?.querySelector<HTMLButtonElement>('[data-action="save"]');
    save?.click();
    await settle();
    expect(saves).toEqual([[ID, true]]);

    // Its Close button closes it and gives the focus back to the entry's button.
    host?.shadowRoot?.querySelector<HTMLButtonElement>('[data-action="close"]')?.click();
    expect(anchor.nextElementSibling).toBe(button);
    expect(panels.isOpen(entry)).toBe(false);
    expect(focused).toBe(1);
    expect(toggles).toEqual([true, false]);

    // The button again opens it again; closeAll removes it.
    panels.toggle(entry);
    expect(anchor.nextElementSibling?.getAttribute('data-paperlens')).toBe('panel');
    panels.closeAll();
    expect(anchor.nextElementSibling).toBe(button);
  });

  it('a save that fails says so and keeps the panel: the button stays usable and shows the state as it was', async () => {
    const { document } = parseHTML('<html><body><div id="entry">An entry</div></body></html>');
    const wanted: boolean[] = [];
    let fail = true;
    const api = {
      data: async (): Promise<PanelData> => ({
        ...data,
        related: [
          {
            id: '2001.08361' as PaperId,
            title: 'Scaling Laws',
            authors: [],
            url: '',
            saved: false,
            score: 1,
            reason: '',
          },
        ],
      }),
      setSaved: async (_paper, saved) => {
        wanted.push(saved);
        if (fail) throw new Error('the disk is full');
        return saved;
      },
      collapsed: async () => false,
      setCollapsed: () => {},
      libraryUrl: (v: string) => `#${v}`,
      openLibrary: () => {},
      copyText: async () => {},
    } as PanelApi;
    const panels = new InlinePanels(api, () => {});
    const anchor = document.getElementById('entry') as unknown as Element;
    panels.toggle({ anchor, paper, request: () => ({ id: ID }), button: () => null, toggled: () => {} });
    await settle();
    const root = anchor.nextElementSibling?.shadowRoot;
    const save = root?.querySelector<HTMLButtonElement>('[data-action="save"]');
    save?.click();
    await settle();
    expect(root?.querySelector('[data-section="save-error"]')?.textContent).toMatch(
      /Could not save the paper: the disk is full/,
    );
    expect(root?.querySelector('[role="alert"]')).not.toBeNull();
    expect(save?.disabled).toBe(false);
    expect(save?.getAttribute('aria-pressed')).toBe('false');
    expect(root?.querySelectorAll('[data-section="related"] li')).toHaveLength(1);
    // Tried again, it works: the error goes, and the button shows the paper saved.
    fail = false;
    save?.click();
    await settle();
    expect(wanted).toEqual([true, true]);
    expect(root?.querySelector('[data-section="save-error"]')).toBeNull();
    expect(save?.getAttribute('aria-pressed')).toBe('true');
  });
});
