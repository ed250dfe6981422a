import 'server-only';
import { db } from '@/lib/db/client';
import { toIsoDate } from '@/lib/dates';
import { Prisma } from '@/lib/generated/prisma/client';
import type { RegionLevel } from '@/lib/regions/region-data';
import { regionChildren } from '@/lib/regions/region-children';
import { getRegion, regionChain } from '@/lib/regions/region-path';
import { extractPolicyYears } from '@/lib/articles/policy-years';
import type { RevisionRecommendation, RevisionRegion } from '@/lib/articles/write-revision';

// The reader's site sees only published revisions: every query here starts from
// Article.publishedRevision (never the working copy) and excludes deleted articles.
// These are the plain reads; lib/public/queries.ts adds the cache tags of the page that shows
// them (tagging needs Next's incremental cache, so tests call these directly).

export const publicPageSize = 20;

export type PublicListItem = { slug: string; title: string; summary: string; contentDate: string | null; publishedAt: string | null };

type ListRow = { slug: string; title: string; summary: string; contentDate: Date | null; publishedAt: Date | null };

/** `filter` is a condition on the live article `a` and its published revision `r`. */
async function readListRows(filter: Prisma.Sql, page: number): Promise<PublicListItem[]> {
  const rows = await db.$queryRaw<ListRow[]>`
    SELECT r.slug, r.title, r.summary, r."contentDate", a."publishedAt"
    FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId"
    WHERE a."deletedAt" IS NULL AND ${filter}
    ORDER BY a."publishedAt" DESC, a.id ASC
    LIMIT ${publicPageSize} OFFSET ${(page - 1) * publicPageSize}`;
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    contentDate: row.contentDate ? toIsoDate(row.contentDate) : null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  }));
}

async function countLive(filter: Prisma.Sql): Promise<number> {
  const [{ total }] = await db.$queryRaw<{ total: bigint }[]>`
    SELECT count(*) AS total FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId"
    WHERE a."deletedAt" IS NULL AND ${filter}`;
  return Number(total);
}

/** A page of live articles, newest publication first, and how many there are: two queries. */
async function listLive(filter: Prisma.Sql, page: number) {
  const [items, total] = await Promise.all([readListRows(filter, page), countLive(filter)]);
  return { items, total };
}

export async function readLatestArticles(page: number) {
  return listLive(Prisma.sql`TRUE`, page);
}

/** What an article page shows of a revision `r` of article `a`. */
const articlePageColumns = Prisma.sql`a.id, a."publishedAt", r.title, r.slug, r.summary, r.body, r."plainText", r.disclaimer, r."contentDate", r.regions, r.recommendations, r."createdAt"`;

type LiveArticleRow = {
  id: string;
  publishedAt: Date | null;
  title: string;
  slug: string;
  summary: string;
  body: Prisma.JsonValue;
  plainText: string;
  disclaimer: string;
  contentDate: Date | null;
  regions: RevisionRegion[];
  recommendations: RevisionRecommendation[];
  createdAt: Date;
};

/**
 * The live article at a slug, as its page shows it. Two queries, as the first render of an
 * uncached page makes them: the article, then in one round trip what its page names besides
 * (the live slugs its recommendations link to, and its regions' names).
 */
export async function readPublishedArticle(slug: string) {
  const [article] = await db.$queryRaw<LiveArticleRow[]>`
    SELECT ${articlePageColumns} FROM "Revision" r JOIN "Article" a ON a."publishedRevisionId" = r.id
    WHERE r.slug = ${slug} AND a."deletedAt" IS NULL`;
  return article ? articlePage(article) : null;
}

/**
 * Any version of an article as its public page would show it if it went live now — the preview a
 * reviewer checks. Admin only: it reads unpublished revisions.
 */
export async function readVersionPreview(articleId: string, version: number) {
  const [revision] = await db.$queryRaw<LiveArticleRow[]>`
    SELECT ${articlePageColumns} FROM "Revision" r JOIN "Article" a ON a.id = r."articleId"
    WHERE r."articleId" = ${articleId} AND r."articleVersion" = ${version} AND a."deletedAt" IS NULL`;
  return revision ? articlePage(revision) : null;
}

/** A revision as the article page shows it: its links resolved to live articles, its regions named. */
async function articlePage(article: LiveArticleRow) {
  const { recommendations } = article;
  const linkTargets = {
    ids: recommendations.map((r) => r.targetArticleId).filter((id): id is string => !!id),
    titles: recommendations.filter((r) => !r.targetArticleId).map((r) => r.title),
  };
  const names = await readPageNames(article.id, linkTargets, article.regions.map((r) => r.code));
  const hrefOf = (item: RevisionRecommendation): string | null => {
    const slug = item.targetArticleId ? names.slugById.get(item.targetArticleId) : names.slugByTitle.get(item.title);
    return slug ? `/a/${slug}` : null;
  };
  return {
    id: article.id,
    // What its links depend on: the articles its items point at, and the titles of unlinked items.
    linkTargets,
    title: article.title,
    slug: article.slug,
    summary: article.summary,
    body: article.body,
    // The answer's text, for the page's structured data.
    plainText: article.plainText,
    disclaimer: article.disclaimer,
    contentDate: article.contentDate ? toIsoDate(article.contentDate) : null,
    // The years the published text states its rules for ("2024年度"), shown beside the date.
    policyYears: extractPolicyYears(`${article.title}\n${article.plainText}`),
    publishedAt: article.publishedAt?.toISOString() ?? null,
    updatedAt: article.createdAt.toISOString(),
    regions: article.regions.flatMap(({ code }) => {
      const name = names.regionName.get(code);
      return name ? [{ code, name }] : [];
    }),
    // An item links only to an article that is live now; anything else is shown as a card.
    recommendations: recommendations.map((item) => ({
      title: item.title,
      summary: item.summary,
      category: item.category,
      itemDate: item.itemDate,
      href: hrefOf(item),
    })),
  };
}

/**
 * In one query: the live slugs of the articles a page's items point at; for unlinked items, the
 * live article of the same title (the oldest, not the page itself), as the importer links them:
 * a revision's snapshot cannot learn of an article published after it was taken, so the link is
 * resolved when the page is read; and the names of its region codes.
 */
async function readPageNames(selfId: string, targets: { ids: string[]; titles: string[] }, regionCodes: string[]) {
  const names = { slugById: new Map<string, string>(), slugByTitle: new Map<string, string>(), regionName: new Map<string, string>() };
  if (targets.ids.length + targets.titles.length + regionCodes.length === 0) return names;
  const rows = await db.$queryRaw<{ kind: 'id' | 'title' | 'region'; key: string; value: string }[]>`
    SELECT 'id' AS kind, a.id AS key, r.slug AS value
    FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId"
    WHERE a.id = ANY(${targets.ids}) AND a."deletedAt" IS NULL
    UNION ALL
    (SELECT DISTINCT ON (r.title) 'title', r.title, r.slug
     FROM "Revision" r JOIN "Article" a ON a."publishedRevisionId" = r.id
     WHERE r.title = ANY(${targets.titles}) AND a.id <> ${selfId} AND a."deletedAt" IS NULL
     ORDER BY r.title, a."publishedAt" ASC, a.id ASC)
    UNION ALL
    SELECT 'region', code, name FROM "Region" WHERE code = ANY(${regionCodes})`;
  const byKind = { id: names.slugById, title: names.slugByTitle, region: names.regionName };
  for (const row of rows) byKind[row.kind].set(row.key, row.value);
  return names;
}

export type PublishedArticle = Awaited<ReturnType<typeof articlePage>>;

/** Where an address a renamed article's page had now lives: its live slug, or null. */
export async function readSlugRedirect(slug: string): Promise<{ articleId: string; slug: string } | null> {
  const redirect = await db.slugRedirect.findUnique({
    where: { slug },
    select: { article: { select: { id: true, deletedAt: true, publishedRevision: { select: { slug: true } } } } },
  });
  const article = redirect?.article;
  if (!article?.publishedRevision || article.deletedAt) return null;
  return { articleId: article.id, slug: article.publishedRevision.slug };
}

/** The PublishedArticleRegion column that holds a region of this level, or an ancestor at it. */
const rollupColumn = { PROVINCE: Prisma.raw('"provinceCode"'), CITY: Prisma.raw('"cityCode"'), COUNTY: Prisma.raw('"regionCode"') } as const;

/**
 * A region's page: its live articles (tagged with it or a region under it) and its child regions
 * that have any. The region, its ancestors and children come from the region data in memory;
 * the database answers two queries: the page of articles, and the counts (the region's and each
 * child's) in one.
 */
export async function readRegionPage(code: string, page: number) {
  const region = getRegion(code);
  if (!region) return null;
  const children = regionChildren(code) ?? [];
  const underRegion = Prisma.sql`EXISTS (SELECT 1 FROM "PublishedArticleRegion" p WHERE p."articleId" = a.id AND p.${rollupColumn[region.level]} = ${code})`;
  const [items, counts] = await Promise.all([readListRows(underRegion, page), countLiveUnder(region.level, code, children.map((c) => c.code))]);
  return {
    region: { code: region.code, name: region.name, level: region.level },
    breadcrumbs: regionChain(code)
      .slice(0, -1)
      .map((row) => ({ code: row.code, name: row.name })),
    children: children.map((c) => ({ code: c.code, name: c.name, count: counts.get(c.code) ?? 0 })).filter((c) => c.count > 0),
    items,
    total: counts.get(code) ?? 0,
  };
}

/**
 * Live articles under `code` (an article with several tags there counts once), and under each of
 * its children: a child's code is the city or the region code of the tags beneath it.
 */
async function countLiveUnder(level: RegionLevel, code: string, childCodes: string[]): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ code: string; count: bigint }[]>`
    SELECT COALESCE(x.code, ${code}) AS code, count(DISTINCT p."articleId") AS count
    FROM "PublishedArticleRegion" p
    JOIN "Article" a ON a.id = p."articleId" AND a."deletedAt" IS NULL AND a."publishedRevisionId" IS NOT NULL
    CROSS JOIN LATERAL (VALUES (NULL), (p."cityCode"), (p."regionCode")) x(code)
    WHERE p.${rollupColumn[level]} = ${code} AND (x.code IS NULL OR x.code = ANY(${childCodes}))
    GROUP BY x.code`;
  return new Map(rows.map((row) => [row.code, Number(row.count)]));
}

/** Live articles per province; an article with several tags in one province counts once. */
export async function readProvincesWithCounts() {
  const rows = await db.$queryRaw<{ provinceCode: string; count: bigint }[]>`
    SELECT p."provinceCode", count(DISTINCT p."articleId") AS count
    FROM "PublishedArticleRegion" p JOIN "Article" a ON a.id = p."articleId"
    WHERE a."deletedAt" IS NULL AND a."publishedRevisionId" IS NOT NULL
    GROUP BY 1`;
  return rows
    .map((r) => ({ code: r.provinceCode, name: getRegion(r.provinceCode)?.name ?? r.provinceCode, count: Number(r.count) }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** month is 'YYYY-MM'; the month of the content date (the date a page belongs to). */
export async function readMonthPage(month: string, page: number) {
  const start = `${month}-01`;
  return listLive(Prisma.sql`r."contentDate" >= ${start}::date AND r."contentDate" < ${start}::date + interval '1 month'`, page);
}

export async function readMonthsWithCounts() {
  const rows = await db.$queryRaw<{ month: string; count: bigint }[]>`
    SELECT to_char(r."contentDate", 'YYYY-MM') AS month, count(*) AS count
    FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId"
    WHERE a."deletedAt" IS NULL AND r."contentDate" IS NOT NULL
    GROUP BY 1 ORDER BY 1 DESC`;
  return rows.map((r) => ({ month: r.month, count: Number(r.count) }));
}
