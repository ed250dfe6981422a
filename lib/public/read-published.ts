import 'server-only';
import { db } from '@/lib/db/client';
import { fromIsoDate, toIsoDate } from '@/lib/dates';
import type { Prisma } from '@/lib/generated/prisma/client';
import { regionRollupWhere } from '@/lib/regions/region-filter';
import { extractPolicyYears } from '@/lib/articles/policy-years';
import type { RevisionRecommendation, RevisionRegion } from '@/lib/articles/write-revision';

// The reader's site sees only published revisions: every query here starts from
// Article.publishedRevision (never the working copy) and excludes deleted articles.
// These are the plain reads; lib/public/queries.ts adds the cache tags of the page that shows
// them (tagging needs Next's incremental cache, so tests call these directly).

export const publicPageSize = 20;

const liveArticle: Prisma.ArticleWhereInput = { publishedRevisionId: { not: null }, deletedAt: null };

const listSelect = {
  publishedAt: true,
  publishedRevision: { select: { slug: true, title: true, summary: true, contentDate: true } },
} satisfies Prisma.ArticleSelect;

type ListRow = Prisma.ArticleGetPayload<{ select: typeof listSelect }>;

export type PublicListItem = { slug: string; title: string; summary: string; contentDate: string | null; publishedAt: string | null };

function toListItem(row: ListRow): PublicListItem {
  const rev = row.publishedRevision!;
  return {
    slug: rev.slug,
    title: rev.title,
    summary: rev.summary,
    contentDate: rev.contentDate ? toIsoDate(rev.contentDate) : null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

async function listLive(where: Prisma.ArticleWhereInput, page: number) {
  const filter = { AND: [liveArticle, where] };
  const [rows, total] = await Promise.all([
    db.article.findMany({
      where: filter,
      orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }],
      skip: (page - 1) * publicPageSize,
      take: publicPageSize,
      select: listSelect,
    }),
    db.article.count({ where: filter }),
  ]);
  return { items: rows.map(toListItem), total };
}

export async function readLatestArticles(page: number) {
  return listLive({}, page);
}

export async function readPublishedArticle(slug: string) {
  const article = await db.article.findFirst({
    where: { ...liveArticle, publishedRevision: { slug } },
    select: {
      id: true,
      publishedAt: true,
      publishedRevision: {
        select: { title: true, slug: true, summary: true, body: true, plainText: true, disclaimer: true, contentDate: true, regions: true, recommendations: true, createdAt: true },
      },
    },
  });
  const rev = article?.publishedRevision;
  if (!article || !rev) return null;
  const recommendations = rev.recommendations as RevisionRecommendation[];
  const regionCodes = (rev.regions as RevisionRegion[]).map((r) => r.code);
  const [targets, titleTargets, regions] = await Promise.all([
    liveSlugsFor(recommendations.map((r) => r.targetArticleId).filter((id): id is string => !!id)),
    liveSlugsForTitles(recommendations.filter((r) => !r.targetArticleId).map((r) => r.title), article.id),
    db.region.findMany({ where: { code: { in: regionCodes } }, select: { code: true, name: true } }),
  ]);
  const hrefOf = (item: RevisionRecommendation): string | null => {
    const slug = item.targetArticleId ? targets.get(item.targetArticleId) : titleTargets.get(item.title);
    return slug ? `/a/${slug}` : null;
  };
  return {
    id: article.id,
    // What its links depend on: the articles its items point at, and the titles of unlinked items.
    linkTargets: {
      ids: recommendations.map((r) => r.targetArticleId).filter((id): id is string => !!id),
      titles: recommendations.filter((r) => !r.targetArticleId).map((r) => r.title),
    },
    title: rev.title,
    slug: rev.slug,
    summary: rev.summary,
    body: rev.body,
    disclaimer: rev.disclaimer,
    contentDate: rev.contentDate ? toIsoDate(rev.contentDate) : null,
    // The years the published text states its rules for ("2024年度"), shown beside the date.
    policyYears: extractPolicyYears(`${rev.title}\n${rev.plainText}`),
    publishedAt: article.publishedAt?.toISOString() ?? null,
    updatedAt: rev.createdAt.toISOString(),
    regions,
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

export type PublishedArticle = NonNullable<Awaited<ReturnType<typeof readPublishedArticle>>>;

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

async function liveSlugsFor(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.article.findMany({
    where: { ...liveArticle, id: { in: ids } },
    select: { id: true, publishedRevision: { select: { slug: true } } },
  });
  return new Map(rows.map((r) => [r.id, r.publishedRevision!.slug]));
}

/**
 * Unlinked items that name a live article by its exact title link to it, like the importer
 * links them. The snapshot of a revision cannot learn of an article imported or published
 * after it was taken, so the link is resolved when the page is read.
 */
async function liveSlugsForTitles(titles: string[], selfId: string): Promise<Map<string, string>> {
  if (titles.length === 0) return new Map();
  const rows = await db.article.findMany({
    where: { ...liveArticle, id: { not: selfId }, publishedRevision: { title: { in: [...new Set(titles)] } } },
    orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
    select: { publishedRevision: { select: { title: true, slug: true } } },
  });
  const byTitle = new Map<string, string>();
  for (const { publishedRevision: rev } of rows) if (rev && !byTitle.has(rev.title)) byTitle.set(rev.title, rev.slug);
  return byTitle;
}

export async function readRegionPage(code: string, page: number) {
  const region = await db.region.findUnique({
    where: { code },
    select: { code: true, name: true, level: true, parent: { select: { code: true, name: true, parent: { select: { code: true, name: true } } } } },
  });
  if (!region) return null;
  const [list, children] = await Promise.all([
    listLive({ publishedRegions: { some: regionRollupWhere(code) } }, page),
    db.region.findMany({ where: { parentCode: code }, orderBy: { code: 'asc' }, select: { code: true, name: true } }),
  ]);
  const childCounts = await countLiveByRegions(children.map((c) => c.code));
  const breadcrumbs = [region.parent?.parent, region.parent].filter((r): r is { code: string; name: string } => !!r);
  return {
    region: { code: region.code, name: region.name, level: region.level },
    breadcrumbs,
    children: children.map((c) => ({ ...c, count: childCounts.get(c.code) ?? 0 })).filter((c) => c.count > 0),
    ...list,
  };
}

async function countLiveByRegions(codes: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await Promise.all(
    codes.map(async (code) => {
      const n = await db.article.count({ where: { ...liveArticle, publishedRegions: { some: regionRollupWhere(code) } } });
      counts.set(code, n);
    }),
  );
  return counts;
}

/** Live articles per province; an article with several tags in one province counts once. */
export async function readProvincesWithCounts() {
  const rows = await db.$queryRaw<{ provinceCode: string; count: bigint }[]>`
    SELECT p."provinceCode", count(DISTINCT p."articleId") AS count
    FROM "PublishedArticleRegion" p JOIN "Article" a ON a.id = p."articleId"
    WHERE a."deletedAt" IS NULL AND a."publishedRevisionId" IS NOT NULL
    GROUP BY 1`;
  const names = await db.region.findMany({ where: { code: { in: rows.map((r) => r.provinceCode) } }, select: { code: true, name: true } });
  const nameOf = new Map(names.map((n) => [n.code, n.name]));
  return rows
    .map((r) => ({ code: r.provinceCode, name: nameOf.get(r.provinceCode) ?? r.provinceCode, count: Number(r.count) }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** month is 'YYYY-MM'; the month of the content date (the date a page belongs to). */
export async function readMonthPage(month: string, page: number) {
  const start = fromIsoDate(`${month}-01`);
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return listLive({ publishedRevision: { contentDate: { gte: start, lt: end } } }, page);
}

export async function readMonthsWithCounts() {
  const rows = await db.$queryRaw<{ month: string; count: bigint }[]>`
    SELECT to_char(r."contentDate", 'YYYY-MM') AS month, count(*) AS count
    FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId"
    WHERE a."deletedAt" IS NULL AND r."contentDate" IS NOT NULL
    GROUP BY 1 ORDER BY 1 DESC`;
  return rows.map((r) => ({ month: r.month, count: Number(r.count) }));
}
