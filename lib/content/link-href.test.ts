import { describe, expect, it } from 'vitest';

import { isAllowedHref, normalizeHrefInput } from './link-href';

describe('isAllowedHref', () => {
  it.each([
    'https://www.nhsa.gov.cn/',
    'HTTPS://example.com/a?b=1#c',
    'https://例子.中国/医保',
    'mailto:editor@example.com',
    '/articles/ju-min-yi-bao',
    '/search?q=医保',
    '#section-2',
  ])('allows %s', (href) => {
    expect(isAllowedHref(href)).toBe(true);
  });

  it.each([
    ['http', 'http://example.com'],
    ['javascript', 'javascript:alert(1)'],
    ['mixed-case javascript', 'JaVaScRiPt:alert(1)'],
    ['data', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['vbscript', 'vbscript:msgbox(1)'],
    ['leading space', ' javascript:alert(1)'],
    ['tab inside scheme', 'java\tscript:alert(1)'],
    ['newline inside scheme', 'java\nscript:alert(1)'],
    ['zero-width space', 'java\u200Bscript:alert(1)'],
    ['NUL', 'javascript\u0000:alert(1)'],
    ['ideographic space', '\u3000https://example.com'],
    ['protocol-relative', '//evil.example/path'],
    ['backslash trick', '/\\evil.example'],
    ['https without slashes', 'https:evil.example'],
    ['credentials', 'https://bank.example@evil.example/'],
    ['empty https', 'https://'],
    ['bare mailto', 'mailto:'],
    ['relative without slash', 'articles/x'],
    ['bare domain', 'www.example.com'],
    ['ftp', 'ftp://example.com'],
    ['tel', 'tel:12345'],
    ['empty', ''],
    ['too long', `https://example.com/${'a'.repeat(3000)}`],
  ])('refuses %s', (_label, href) => {
    expect(isAllowedHref(href)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isAllowedHref(undefined)).toBe(false);
    expect(isAllowedHref(null)).toBe(false);
    expect(isAllowedHref({ toString: () => 'https://example.com' })).toBe(false);
  });
});

describe('normalizeHrefInput', () => {
  it('trims and adds https to bare domains', () => {
    expect(normalizeHrefInput('  https://example.com  ')).toBe('https://example.com');
    expect(normalizeHrefInput('www.gov.cn/zhengce')).toBe('https://www.gov.cn/zhengce');
    expect(normalizeHrefInput('/articles/x')).toBe('/articles/x');
  });

  it('never turns a forbidden href into an allowed one', () => {
    expect(isAllowedHref(normalizeHrefInput('javascript:alert(1)'))).toBe(false);
    expect(isAllowedHref(normalizeHrefInput('http://example.com'))).toBe(false);
  });
});
