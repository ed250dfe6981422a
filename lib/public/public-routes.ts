// How public addresses map onto the cached routes. Pure: next.config.ts and proxy.ts import it.
//
// Every public page is rendered on its first request and then cached (ISR). A route without a
// parameter would instead be rendered at build time, which must not need a database, so the
// home page and the two index pages are served by parameterised routes: `/` by /page/1, and
// /regions and /months by /regions/all and /months/all (rewrites in next.config.ts, which cost
// nothing per request). Lists are paged by path, not by ?page=, so that each page is a cache
// entry of its own; proxy.ts redirects old ?page= links.

export const indexSegment = 'all';

export const publicRewrites = [
  { source: '/', destination: '/page/1' },
  { source: '/regions', destination: `/regions/${indexSegment}` },
  { source: '/months', destination: `/months/${indexSegment}` },
  // robots.txt, the sitemap and the feed: one cached route (app/seo/[file]).
  { source: '/:file(robots\\.txt|sitemap\\.xml|sitemap-\\d+\\.xml|feed\\.xml)', destination: '/seo/:file' },
];

/** Where an old ?page= link of a list now lives, or null for anything else. */
export function legacyPageRedirect(pathname: string, search: URLSearchParams): string | null {
  const page = search.get('page');
  if (page === null || !/^(\/|\/regions\/\d{6}|\/months\/\d{4}-\d{2})$/.test(pathname)) return null;
  const n = /^\d{1,5}$/.test(page) ? Number(page) : 1;
  const base = pathname === '/' ? '' : pathname;
  return n > 1 ? `${base}/page/${n}` : base || '/';
}
