/** Code repository links written in free text ("Code is available at https://github.com/a/b."). Pure. */

const CODE_HOSTS = /https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)\/[^\s)>\]},"']+/g;

/** The URLs in order of appearance, without the sentence's final punctuation or a trailing slash. */
export function codeUrlsIn(...texts: readonly (string | undefined)[]): string[] {
  const urls = texts.join(' ').match(CODE_HOSTS) ?? [];
  return [...new Set(urls.map((u) => u.replace(/[.;:]+$/, '').replace(/\/$/, '')))];
}
