/** Every site adapter, in one typed list. A test checks each against its own and every other's examples. */
import { arxivAbs } from './arxiv-abs';
import type { SiteAdapter } from './types';

export const ADAPTERS: readonly SiteAdapter[] = [arxivAbs];

export function adapterFor(url: URL): SiteAdapter | undefined {
  return ADAPTERS.find((a) => a.matches(url));
}
