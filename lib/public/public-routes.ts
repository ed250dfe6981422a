// How public addresses map onto the cached routes (applied by proxy.ts). Pure: no Next imports.
//
// Every public page is rendered on its first request and then cached (ISR). A route without a
// parameter would instead be rendered at build time, which must not need a database, so the
// home page and the two index pages are served by parameterised routes: `/` by /page/1, and
// /regions and /months by /regions/all and /months/all. Lists are paged by path, not by ?page=,
// so that each page is a cache entry of its own; old ?page= links are redirected.

export const indexSegment = 'all';

export type PublicRoute = { rewrite: string } | { redirect: string } | null;

const pagedList = /^(\/regions\/\d{6}|\/months\/\d{4}-\d{2})?\/?$/;

export function publicRoute(pathname: string, search: URLSearchParams): PublicRoute {
  const page = search.get('page');
  if (page !== null && (pathname === '/' || pagedList.test(pathname))) {
    const n = /^\d{1,5}$/.test(page) ? Number(page) : 1;
    const base = pathname === '/' ? '' : pathname.replace(/\/$/, '');
    return { redirect: n > 1 ? `${base}/page/${n}` : base || '/' };
  }
  if (pathname === '/') return { rewrite: '/page/1' };
  if (pathname === '/regions' || pathname === '/months') return { rewrite: `${pathname}/${indexSegment}` };
  return null;
}
