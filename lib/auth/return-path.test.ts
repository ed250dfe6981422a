import { describe, expect, it } from 'vitest';
import { signInReturnPath } from './return-path';

const origin = 'https://baoda.example.cn';
const target = (next: unknown) => signInReturnPath(next, origin);

describe('signInReturnPath', () => {
  it('keeps an admin path and its query, as resolved', () => {
    expect(target('/admin')).toBe('/admin');
    expect(target('/admin/articles?status=DRAFT')).toBe('/admin/articles?status=DRAFT');
    expect(target('/admin?denied=1')).toBe('/admin?denied=1');
    expect(target('/admin/articles/abc/edit')).toBe('/admin/articles/abc/edit');
    // The fragment never reaches the server; it is dropped, like anything else not resolved.
    expect(target('/admin/audit#top')).toBe('/admin/audit');
    // An absolute URL on the site's own origin comes back as its path.
    expect(target('https://baoda.example.cn/admin/users')).toBe('/admin/users');
    // Dot segments are resolved first: what is left is checked and returned.
    expect(target('/admin/articles/../users')).toBe('/admin/users');
  });

  it("refuses what a browser would resolve to another host (the review's finding and its variants)", () => {
    for (const next of [
      '/admin/../%5Cevil.example/phish',
      '/admin/../%5cevil.example',
      '\\\\evil.example',
      '\\\\evil.example/admin',
      '/\\evil',
      '/\\evil.example/admin',
      '//evil.example',
      '//evil.example/admin',
      '///evil.example/admin',
      'https://evil.example/admin',
      'http://baoda.example.cn/admin',
      'https://baoda.example.cn:8443/admin',
      'javascript:alert(1)//admin',
      'data:text/html,<script>alert(1)</script>',
    ]) {
      expect(target(next), next).toBe('/admin');
    }
  });

  it('refuses paths outside /admin, however they are spelled', () => {
    for (const next of [
      '/administrator',
      '/admin@evil.example',
      '/admin.evil.example',
      '/adminx/articles',
      '/',
      '/login',
      '/admin/..',
      '/admin/%2e%2e/login',
      '?next=/admin',
    ]) {
      expect(target(next), next).toBe('/admin');
    }
  });

  it('keeps encoded slashes encoded: the browser stays on the site, under /admin', () => {
    expect(target('/admin/..%2f..%2fevil')).toBe('/admin/..%2f..%2fevil');
    expect(target('/admin/%5C%5Cevil.example')).toBe('/admin/%5C%5Cevil.example');
    // A backslash is a slash to the URL parser: it stays a path on this site.
    expect(target('/admin\\articles')).toBe('/admin/articles');
  });

  it('judges tabs and newlines as the browser does: removed before anything else', () => {
    for (const next of ['\t//evil.example', '/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example/admin', ' //evil.example', '/\\\t\\evil.example']) {
      expect(target(next), JSON.stringify(next)).toBe('/admin');
    }
    // Removed, they leave an admin path, and the redirect goes to that path, not to the raw text.
    expect(target('/ad\tmin/art\nicles')).toBe('/admin/articles');
    expect(target('/admin/articles\n')).toBe('/admin/articles');
  });

  it('falls back to /admin for nothing, an empty value or one that is not text', () => {
    expect(target(undefined)).toBe('/admin');
    expect(target('')).toBe('/admin');
    expect(target(['/admin/users', '//evil.example'])).toBe('/admin');
    expect(target(null)).toBe('/admin');
  });

  it('compares with the configured origin, whatever the origin is', () => {
    expect(signInReturnPath('http://localhost:3000/admin/users', 'http://localhost:3000')).toBe('/admin/users');
    expect(signInReturnPath('http://localhost:3001/admin/users', 'http://localhost:3000')).toBe('/admin');
  });
});
