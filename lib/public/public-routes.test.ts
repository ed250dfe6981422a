import { describe, expect, it } from 'vitest';
import { legacyPageRedirect } from './public-routes';

const redirect = (url: string) => {
  const u = new URL(url, 'http://x');
  return legacyPageRedirect(u.pathname, u.searchParams);
};

describe('legacyPageRedirect', () => {
  it('sends old ?page= links to the paged addresses', () => {
    expect(redirect('/?page=3')).toBe('/page/3');
    expect(redirect('/?page=1')).toBe('/');
    expect(redirect('/regions/440000?page=2')).toBe('/regions/440000/page/2');
    expect(redirect('/months/2025-03?page=abc')).toBe('/months/2025-03');
  });

  it('leaves everything else alone', () => {
    for (const url of ['/', '/a/ju-min-yi-bao', '/regions/440000', '/page/2', '/admin?page=2', '/a/x?page=2', '/regions/abc?page=2']) expect(redirect(url)).toBeNull();
  });
});
