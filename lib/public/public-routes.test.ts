import { describe, expect, it } from 'vitest';
import { publicRoute } from './public-routes';

const route = (url: string) => {
  const u = new URL(url, 'http://x');
  return publicRoute(u.pathname, u.searchParams);
};

describe('publicRoute', () => {
  it('serves the home and index pages from their parameterised routes', () => {
    expect(route('/')).toEqual({ rewrite: '/page/1' });
    expect(route('/regions')).toEqual({ rewrite: '/regions/all' });
    expect(route('/months')).toEqual({ rewrite: '/months/all' });
  });

  it('sends old ?page= links to the paged addresses', () => {
    expect(route('/?page=3')).toEqual({ redirect: '/page/3' });
    expect(route('/?page=1')).toEqual({ redirect: '/' });
    expect(route('/regions/440000?page=2')).toEqual({ redirect: '/regions/440000/page/2' });
    expect(route('/months/2025-03?page=abc')).toEqual({ redirect: '/months/2025-03' });
  });

  it('leaves everything else alone', () => {
    for (const url of ['/a/ju-min-yi-bao', '/regions/440000', '/page/2', '/admin?page=2', '/a/x?page=2']) expect(route(url)).toBeNull();
  });
});
