// robots.txt, the sitemap (an index and its files) and the RSS feed, as text. Pure: the route
// (app/seo/[file]/route.ts) feeds them what lib/public/read-seo.ts reads; tests call them directly.

/** Search engines read at most 50,000 URLs from one sitemap file (sitemaps.org). */
export const sitemapFileSize = 50_000;

/** Addresses that are not for search engines: the admin, sign-in, password links and the API. */
export const disallowedPaths = ['/admin', '/login', '/reset-password', '/api'] as const;

export function robotsTxt(origin: string): string {
  return ['User-agent: *', 'Allow: /', ...disallowedPaths.map((path) => `Disallow: ${path}`), '', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n');
}

/** Characters XML 1.0 does not allow at all (controls other than tab and line breaks). */
// oxlint-disable-next-line no-control-regex -- the control characters are what it removes
const invalidXmlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(value: string): string {
  return value
    .replace(invalidXmlChars, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const xmlHead = '<?xml version="1.0" encoding="UTF-8"?>';
const sitemapNs = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** The public address of sitemap file `n` (1-based). */
export const sitemapFilePath = (n: number) => `/sitemap-${n}.xml`;

export type SitemapEntry = { path: string; lastmod: Date | null };

/** How many files `total` URLs take (at least one, so the index never names nothing). */
export function sitemapFileCount(total: number, size: number = sitemapFileSize): number {
  return Math.max(1, Math.ceil(total / size));
}

export function sitemapIndexXml(origin: string, fileCount: number, lastmod: Date | null): string {
  const files = Array.from({ length: fileCount }, (_, i) => {
    const mod = lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : '';
    return `<sitemap><loc>${escapeXml(origin + sitemapFilePath(i + 1))}</loc>${mod}</sitemap>`;
  });
  return `${xmlHead}\n<sitemapindex xmlns="${sitemapNs}">\n${files.join('\n')}\n</sitemapindex>\n`;
}

export function sitemapXml(origin: string, entries: SitemapEntry[]): string {
  const urls = entries.map((entry) => {
    const mod = entry.lastmod ? `<lastmod>${entry.lastmod.toISOString()}</lastmod>` : '';
    return `<url><loc>${escapeXml(origin + entry.path)}</loc>${mod}</url>`;
  });
  return `${xmlHead}\n<urlset xmlns="${sitemapNs}">\n${urls.join('\n')}\n</urlset>\n`;
}

export type FeedChannel = { title: string; description: string; origin: string };
export type FeedItem = { slug: string; title: string; summary: string; publishedAt: Date | null };

/** RSS 2.0 of the latest live articles (the route reads 50). */
export function rssXml(channel: FeedChannel, items: FeedItem[], now: Date = new Date()): string {
  const built = items.reduce<Date | null>((latest, item) => (item.publishedAt && (!latest || item.publishedAt > latest) ? item.publishedAt : latest), null) ?? now;
  const entries = items.map((item) => {
    const link = escapeXml(`${channel.origin}/a/${item.slug}`);
    return [
      '<item>',
      `<title>${escapeXml(item.title)}</title>`,
      `<link>${link}</link>`,
      `<guid isPermaLink="true">${link}</guid>`,
      item.summary ? `<description>${escapeXml(item.summary)}</description>` : '',
      item.publishedAt ? `<pubDate>${item.publishedAt.toUTCString()}</pubDate>` : '',
      '</item>',
    ].join('');
  });
  return [
    xmlHead,
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${escapeXml(channel.title)}</title>`,
    `<link>${escapeXml(`${channel.origin}/`)}</link>`,
    `<description>${escapeXml(channel.description || channel.title)}</description>`,
    '<language>zh-CN</language>',
    `<lastBuildDate>${built.toUTCString()}</lastBuildDate>`,
    `<atom:link href="${escapeXml(`${channel.origin}/feed.xml`)}" rel="self" type="application/rss+xml"/>`,
    ...entries,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
