import 'server-only';
import { db } from '@/lib/db/client';
import type { FeedItem, SitemapEntry } from './seo-files';

// The sitemap's and the feed's reads. Like every public read, only live articles (a published
// revision, not in the trash) and only their published revisions: a working copy never appears.

const latest = (dates: (Date | null)[]) => dates.reduce<Date | null>((max, d) => (d && (!max || d > max) ? d : max), null);

/**
 * The list pages the sitemap names, before the articles: home, the two indexes, every region and
 * month that lists a live article. `lastmod` is the newest live version they list.
 */
export async function readSitemapListEntries(): Promise<SitemapEntry[]> {
  const [regions, months] = await Promise.all([
    db.$queryRaw<{ code: string; lastmod: Date }[]>`
      SELECT x.code, max(r."createdAt") AS lastmod
      FROM "PublishedArticleRegion" p
      CROSS JOIN LATERAL (VALUES (p."regionCode"), (p."provinceCode"), (p."cityCode")) x(code)
      JOIN "Article" a ON a.id = p."articleId" AND a."deletedAt" IS NULL
      JOIN "Revision" r ON r.id = a."publishedRevisionId"
      WHERE x.code IS NOT NULL
      GROUP BY x.code ORDER BY x.code`,
    db.$queryRaw<{ month: string; lastmod: Date }[]>`
      SELECT to_char(r."contentDate", 'YYYY-MM') AS month, max(r."createdAt") AS lastmod
      FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId"
      WHERE a."deletedAt" IS NULL AND r."contentDate" IS NOT NULL
      GROUP BY 1 ORDER BY 1 DESC`,
  ]);
  const all = latest([...regions, ...months].map((row) => row.lastmod)) ?? (await readNewestLiveVersion());
  return [
    { path: '/', lastmod: all },
    ...(regions.length ? [{ path: '/regions', lastmod: latest(regions.map((r) => r.lastmod)) }] : []),
    ...(months.length ? [{ path: '/months', lastmod: latest(months.map((m) => m.lastmod)) }] : []),
    ...regions.map((r) => ({ path: `/regions/${r.code}`, lastmod: r.lastmod })),
    ...months.map((m) => ({ path: `/months/${m.month}`, lastmod: m.lastmod })),
  ];
}

async function readNewestLiveVersion(): Promise<Date | null> {
  const [row] = await db.$queryRaw<{ lastmod: Date | null }[]>`
    SELECT max(r."createdAt") AS lastmod FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId" WHERE a."deletedAt" IS NULL`;
  return row?.lastmod ?? null;
}

export async function countLiveArticles(): Promise<number> {
  const [{ total }] = await db.$queryRaw<{ total: bigint }[]>`
    SELECT count(*) AS total FROM "Article" a WHERE a."deletedAt" IS NULL AND a."publishedRevisionId" IS NOT NULL`;
  return Number(total);
}

/** Live articles `offset`… in a stable order (by id), each with the time of its live version. */
export async function readSitemapArticles(offset: number, limit: number): Promise<SitemapEntry[]> {
  if (limit <= 0) return [];
  const rows = await db.$queryRaw<{ slug: string; lastmod: Date }[]>`
    SELECT r.slug, r."createdAt" AS lastmod
    FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId"
    WHERE a."deletedAt" IS NULL
    ORDER BY a.id LIMIT ${limit} OFFSET ${offset}`;
  return rows.map((row) => ({ path: `/a/${row.slug}`, lastmod: row.lastmod }));
}

/** The newest `limit` live articles, newest publication first (as the home page lists them). */
export async function readFeedItems(limit = 50): Promise<FeedItem[]> {
  return db.$queryRaw<FeedItem[]>`
    SELECT r.slug, r.title, r.summary, a."publishedAt"
    FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId"
    WHERE a."deletedAt" IS NULL
    ORDER BY a."publishedAt" DESC, a.id ASC
    LIMIT ${limit}`;
}
