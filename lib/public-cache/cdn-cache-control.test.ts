import { describe, expect, it } from 'vitest';
import { downstreamCacheControl, publicCacheSeconds } from './cdn-cache-control';

describe('downstreamCacheControl', () => {
  it('gives pages from Next’s cache a short public lifetime downstream', () => {
    expect(downstreamCacheControl('s-maxage=31536000', 10)).toBe('public, s-maxage=10, stale-while-revalidate=60');
    expect(downstreamCacheControl('s-maxage=31536000, stale-while-revalidate', 0)).toBe('public, s-maxage=0, stale-while-revalidate=60');
  });

  it('leaves private and uncached responses alone', () => {
    for (const value of ['no-store', 'private, no-cache, no-store, max-age=0, must-revalidate', 'public, max-age=31536000, immutable']) {
      expect(downstreamCacheControl(value, 10)).toBeNull();
    }
  });

  it('reads PUBLIC_CACHE_SECONDS, defaulting to 10', () => {
    expect(publicCacheSeconds(undefined)).toBe(10);
    expect(publicCacheSeconds('30')).toBe(30);
    expect(publicCacheSeconds('-1')).toBe(10);
    expect(publicCacheSeconds('abc')).toBe(10);
  });
});
