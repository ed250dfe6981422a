import { describe, expect, it } from 'vitest';
import { escapeXml, robotsTxt, rssXml, sitemapFileCount, sitemapIndexXml, sitemapXml, type FeedItem } from './seo-files';

const origin = 'https://baoda.example.cn';

describe('robots.txt', () => {
  it('keeps crawlers out of the admin, sign-in, password links and API, and names the sitemap', () => {
    const lines = robotsTxt(origin).split('\n');
    for (const path of ['/admin', '/login', '/api', '/reset-password']) expect(lines).toContain(`Disallow: ${path}`);
    expect(lines).toContain('Sitemap: https://baoda.example.cn/sitemap.xml');
    expect(lines[0]).toBe('User-agent: *');
  });
});

describe('sitemap', () => {
  it('splits at 50,000 URLs per file', () => {
    expect(sitemapFileCount(0)).toBe(1);
    expect(sitemapFileCount(50_000)).toBe(1);
    expect(sitemapFileCount(50_001)).toBe(2);
    expect(sitemapFileCount(7, 3)).toBe(3);
  });

  it('an index names every file by its absolute address', () => {
    const xml = sitemapIndexXml(origin, 3, new Date('2026-01-02T03:04:05Z'));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect([...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])).toEqual([1, 2, 3].map((n) => `${origin}/sitemap-${n}.xml`));
    expect(xml).toContain('<lastmod>2026-01-02T03:04:05.000Z</lastmod>');
  });

  it('a file lists absolute, escaped URLs with their lastmod', () => {
    const xml = sitemapXml(origin, [
      { path: '/a/ju-min-yi-bao', lastmod: new Date('2026-01-02T00:00:00Z') },
      { path: '/regions/440000?x=1&y=2', lastmod: null },
    ]);
    expect(xml).toContain('<url><loc>https://baoda.example.cn/a/ju-min-yi-bao</loc><lastmod>2026-01-02T00:00:00.000Z</lastmod></url>');
    expect(xml).toContain('<loc>https://baoda.example.cn/regions/440000?x=1&amp;y=2</loc></url>');
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
  });
});

describe('RSS feed', () => {
  const items: FeedItem[] = [
    { slug: 'b', title: '医保 <断缴> & "补缴"', summary: '摘要 </description><script>', publishedAt: new Date('2026-02-01T08:00:00Z') },
    { slug: 'a', title: '异地就医', summary: '', publishedAt: new Date('2026-01-01T08:00:00Z') },
  ];

  it('is RSS 2.0 with a channel, absolute links and RFC 822 dates', () => {
    const xml = rssXml({ title: '保答', description: '医保问答', origin }, items);
    expect(xml).toContain('<rss version="2.0"');
    expect(xml).toMatch(/<channel>\n<title>保答<\/title>\n<link>https:\/\/baoda\.example\.cn\/<\/link>\n<description>医保问答<\/description>/);
    expect(xml).toContain('<link>https://baoda.example.cn/a/b</link><guid isPermaLink="true">https://baoda.example.cn/a/b</guid>');
    expect(xml).toContain('<pubDate>Sun, 01 Feb 2026 08:00:00 GMT</pubDate>');
    expect(xml).toContain('<lastBuildDate>Sun, 01 Feb 2026 08:00:00 GMT</lastBuildDate>');
    expect(xml.match(/<item>/g)).toHaveLength(2);
  });

  it('escapes titles and summaries so no markup gets through', () => {
    const xml = rssXml({ title: 'A & B', description: '', origin }, items);
    expect(xml).toContain('<title>医保 &lt;断缴&gt; &amp; &quot;补缴&quot;</title>');
    expect(xml).toContain('<description>摘要 &lt;/description&gt;&lt;script&gt;</description>');
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('<title>A &amp; B</title>');
  });

  it('drops characters XML cannot carry', () => {
    expect(escapeXml('a\u0000b\u000Bc')).toBe('abc');
  });
});
