import { describe, expect, it } from 'vitest';
import { configureSiteOrigin, parseOrigin, pinForwardedHeaders, resolveSiteOrigin, siteUrl } from './site-origin';

describe('resolveSiteOrigin', () => {
  it('takes SITE_URL, normalised to its origin', () => {
    expect(resolveSiteOrigin({ SITE_URL: 'https://Baoda.Example.cn/' })).toBe('https://baoda.example.cn');
    expect(resolveSiteOrigin({ SITE_URL: 'http://127.0.0.1:3100' })).toBe('http://127.0.0.1:3100');
  });

  it("falls back to AUTH_URL's origin (it may carry Auth.js's base path)", () => {
    expect(resolveSiteOrigin({ AUTH_URL: 'https://baoda.example.cn/api/auth' })).toBe('https://baoda.example.cn');
  });

  it('refuses SITE_URL and AUTH_URL naming different origins', () => {
    expect(() => resolveSiteOrigin({ SITE_URL: 'https://a.example', AUTH_URL: 'https://b.example' })).toThrow(/different origins/);
    expect(resolveSiteOrigin({ SITE_URL: 'https://a.example', AUTH_URL: 'https://a.example/api/auth' })).toBe('https://a.example');
  });

  it('defaults to where the server says it listens', () => {
    expect(resolveSiteOrigin({})).toBe('http://localhost:3000');
    expect(resolveSiteOrigin({ PORT: '8080', HOST: '0.0.0.0' })).toBe('http://localhost:8080');
    expect(resolveSiteOrigin({ PORT: '3100', HOST: '127.0.0.1' })).toBe('http://127.0.0.1:3100');
    expect(resolveSiteOrigin({ PORT: '3100', HOST: '::1' })).toBe('http://[::1]:3100');
  });

  it('refuses anything that is not a bare http(s) origin', () => {
    for (const bad of [
      'baoda.example.cn',
      'ftp://baoda.example.cn',
      'https://baoda.example.cn/cms',
      'https://user:pw@baoda.example.cn',
      'https://baoda.example.cn/?a=1',
    ]) {
      expect(() => parseOrigin(bad, 'SITE_URL')).toThrow(/SITE_URL/);
    }
  });
});

describe('configureSiteOrigin', () => {
  it('writes the origin back for our code and for Auth.js', () => {
    const env: Record<string, string | undefined> = { SITE_URL: 'https://baoda.example.cn/' };
    expect(configureSiteOrigin(env)).toBe('https://baoda.example.cn');
    expect(env).toMatchObject({ SITE_URL: 'https://baoda.example.cn', AUTH_URL: 'https://baoda.example.cn' });
  });

  it('keeps an AUTH_URL that names the same origin (and its path)', () => {
    const env: Record<string, string | undefined> = { SITE_URL: 'https://a.example', AUTH_URL: 'https://a.example/api/auth' };
    configureSiteOrigin(env);
    expect(env.AUTH_URL).toBe('https://a.example/api/auth');
  });
});

describe('pinForwardedHeaders', () => {
  it("replaces a client's Host and forwarding headers with the configured origin", () => {
    const headers: Record<string, string | string[] | undefined> = {
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'http',
      'x-forwarded-port': '8443',
      forwarded: 'host=evil.example;proto=http',
      'x-original-host': 'evil.example',
      'x-forwarded-for': '203.0.113.9',
      cookie: 'a=b',
    };
    pinForwardedHeaders(headers, 'https://baoda.example.cn');
    expect(headers).toEqual({
      host: 'baoda.example.cn',
      'x-forwarded-host': 'baoda.example.cn',
      'x-forwarded-proto': 'https',
      'x-forwarded-port': '443',
      // The client address is resolved elsewhere (lib/auth/client-ip.ts); other headers stay.
      'x-forwarded-for': '203.0.113.9',
      cookie: 'a=b',
    });
  });

  it('keeps an explicit port', () => {
    const headers: Record<string, string | string[] | undefined> = { host: '0.0.0.0:3000' };
    pinForwardedHeaders(headers, 'http://127.0.0.1:3100');
    expect(headers).toMatchObject({ host: '127.0.0.1:3100', 'x-forwarded-host': '127.0.0.1:3100', 'x-forwarded-proto': 'http', 'x-forwarded-port': '3100' });
  });
});

describe('siteUrl', () => {
  it('builds URLs on the configured origin only', () => {
    expect(siteUrl('/login?next=%2Fadmin', 'https://baoda.example.cn').href).toBe('https://baoda.example.cn/login?next=%2Fadmin');
    expect(() => siteUrl('//evil.example/x', 'https://baoda.example.cn')).toThrow();
    expect(() => siteUrl('https://evil.example/', 'https://baoda.example.cn')).toThrow();
  });
});
