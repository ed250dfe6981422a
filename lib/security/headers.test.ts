import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, isPrivatePath, permissionsPolicy, responseSecurityHeaders, staticSecurityHeaders, usesNonce } from './headers';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
}

describe('contentSecurityPolicy', () => {
  it('admits scripts on the dynamic pages only by nonce, without eval or inline handlers', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'abc123==', https: false }));
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get('script-src-attr')).toEqual(["'none'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'nonce-abc123=='"]);
    // Inline style attributes (React style={{}}, recharts' SVG) cannot carry a nonce.
    expect(policy.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
  });

  it('gives the cached public pages a policy that runs no script at all', () => {
    for (const dev of [false, true]) {
      const text = contentSecurityPolicy({ https: false, dev });
      const policy = directives(text);
      expect(text).not.toContain('nonce-');
      expect(text).not.toContain('unsafe-eval');
      expect(policy.get('script-src')).toEqual(["'none'"]);
      expect(policy.get('script-src-attr')).toEqual(["'none'"]);
    }
  });

  it('always forbids plugins, <base>, framing and cross-site form targets', () => {
    for (const nonce of [undefined, 'abc']) {
      const policy = directives(contentSecurityPolicy({ nonce, https: true }));
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy.get('form-action')).toEqual(["'self'"]);
    }
  });

  it('upgrades sub-requests only on an https site', () => {
    expect(contentSecurityPolicy({ https: true })).toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy({ https: false })).not.toContain('upgrade-insecure-requests');
  });

  it("allows eval only in development (React's error stacks)", () => {
    expect(directives(contentSecurityPolicy({ nonce: 'n', https: false, dev: true })).get('script-src')).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: 'n', https: false })).not.toContain('unsafe-eval');
  });

  it("carries a nonce Next's parser finds in script-src", () => {
    const nonce = createNonce();
    const match = /script-src [^;]*'nonce-([A-Za-z0-9+/_-]+={0,2})'/.exec(contentSecurityPolicy({ nonce, https: false }));
    expect(match?.[1]).toBe(nonce);
  });
});

describe('createNonce', () => {
  it('is 128 random bits in base64, different every time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});

describe('paths', () => {
  it('uses nonces on the signed-in and sign-in pages only', () => {
    for (const path of ['/admin', '/admin/articles/1', '/admin/account', '/login', '/reset-password/abc']) expect(usesNonce(path)).toBe(true);
    for (const path of ['/', '/a/slug', '/regions', '/regions/44', '/months/2025-01', '/api/auth/session', '/administrator', '/login-help']) {
      expect(usesNonce(path)).toBe(false);
    }
  });

  it('treats the admin, sign-in, password reset and every API response as private', () => {
    for (const path of ['/admin', '/admin/import', '/login', '/reset-password/x', '/api/auth/session', '/api/regions']) expect(isPrivatePath(path)).toBe(true);
    for (const path of [
      '/',
      '/a/slug',
      '/regions/44',
      '/months',
      '/apis',
      '/administrator',
      '/robots.txt',
      '/sitemap.xml',
      '/sitemap-2.xml',
      '/feed.xml',
      '/share.png',
      '/psb-badge.svg',
    ])
      expect(isPrivatePath(path)).toBe(false);
  });
});

describe('responseSecurityHeaders', () => {
  it('sends HSTS only over https', () => {
    expect(responseSecurityHeaders({ pathname: '/', https: true })['Strict-Transport-Security']).toMatch(/^max-age=\d+/);
    expect(responseSecurityHeaders({ pathname: '/', https: false })).not.toHaveProperty('Strict-Transport-Security');
  });

  it('forbids storing private responses and leaves public ones to the page cache', () => {
    expect(responseSecurityHeaders({ pathname: '/api/regions', https: false })['Cache-Control']).toBe('no-store');
    expect(responseSecurityHeaders({ pathname: '/admin', nonce: 'n', https: false })['Cache-Control']).toBe('no-store');
    expect(responseSecurityHeaders({ pathname: '/a/slug', https: false })).not.toHaveProperty('Cache-Control');
  });

  it('puts the nonce in the policy of a nonce page', () => {
    expect(responseSecurityHeaders({ pathname: '/admin', nonce: 'xyz', https: false })['Content-Security-Policy']).toContain("'nonce-xyz'");
  });
});

describe('static headers', () => {
  it('deny powerful features and cross-origin openers, and keep the older protections', () => {
    const byName = Object.fromEntries(staticSecurityHeaders.map((h) => [h.key, h.value]));
    expect(byName['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(byName['X-Content-Type-Options']).toBe('nosniff');
    expect(byName['X-Frame-Options']).toBe('DENY');
    expect(byName['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(permissionsPolicy).toContain(`${feature}=()`);
  });
});
