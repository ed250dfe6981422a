// What downstream caches (a CDN, nginx's micro-cache) may do with a public page. Next marks the
// pages it serves from its own cache with `s-maxage=<a year>`, which is right for its cache (a
// publish expires the page there at once) but not for caches it cannot reach: those may keep a
// page for PUBLIC_CACHE_SECONDS (default 10) and serve it stale for a minute while fetching anew,
// so a publish is visible downstream within that time.
export function publicCacheSeconds(value = process.env.PUBLIC_CACHE_SECONDS): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n >= 0 ? n : 10;
}

/** The Cache-Control to send instead of Next's, or null to keep Next's (anything not a cached page). */
export function downstreamCacheControl(nextValue: string, seconds = publicCacheSeconds()): string | null {
  const directives = nextValue.toLowerCase();
  if (!directives.includes('s-maxage') || /private|no-store|no-cache/.test(directives)) return null;
  return `public, s-maxage=${seconds}, stale-while-revalidate=60`;
}
