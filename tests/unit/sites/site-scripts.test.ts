/** Sites the user turned on get the generic recogniser through one registered content script. */
import { describe, expect, it } from 'vitest';
import { type SiteScriptApi, syncSiteScripts } from '../../../src/background/site-scripts';
import { OPTIONAL_ORIGINS, originPattern, SITES, userSiteOrigins } from '../../../src/sites/permissions';

function fakeApi(granted: string[], registered?: string[]) {
  const calls: string[] = [];
  let current = registered;
  const api: SiteScriptApi = {
    granted: async () => granted,
    registered: async () => current,
    register: async (m) => {
      calls.push(`register ${m.join(' ')}`);
      current = m;
    },
    unregister: async () => {
      calls.push('unregister');
      current = undefined;
    },
  };
  return { api, calls };
}

describe('sites the user turned on', () => {
  it('registers the generic recogniser for granted origins beyond the built-in sites', async () => {
    const { api, calls } = fakeApi([
      'https://arxiv.org/*',
      'https://scholar.google.com/*',
      'https://huggingface.co/papers*',
      'https://people.example.edu/*',
      'https://blog.example.org/*',
    ]);
    expect(await syncSiteScripts(api)).toEqual(['https://blog.example.org/*', 'https://people.example.edu/*']);
    expect(calls).toEqual(['register https://blog.example.org/* https://people.example.edu/*']);
  });

  it('does nothing when the registration is already current, and unregisters when the user turns all off', async () => {
    const same = fakeApi(['https://people.example.edu/*'], ['https://people.example.edu/*']);
    await syncSiteScripts(same.api);
    expect(same.calls).toEqual([]);
    const off = fakeApi(['https://arxiv.org/*'], ['https://people.example.edu/*']);
    await syncSiteScripts(off.api);
    expect(off.calls).toEqual(['unregister']);
  });

  it('never registers for the any-site pattern itself or for built-in sites', () => {
    expect(userSiteOrigins(['*://*/*', ...SITES.flatMap((s) => s.origins)])).toEqual([]);
  });

  it('turns what the user types into one origin pattern', () => {
    expect(originPattern('people.example.edu/~me/pubs.html')).toBe('https://people.example.edu/*');
    expect(originPattern('http://blog.example.org')).toBe('http://blog.example.org/*');
    expect(originPattern('file:///etc/passwd')).toBeUndefined();
    expect(originPattern('localhost')).toBeUndefined();
  });

  it('asks for any site through the optional any-site permission', () => {
    expect(OPTIONAL_ORIGINS).toContain('*://*/*');
  });
});
