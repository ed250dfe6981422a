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
    SELECT a.id, a."publishedAt", r.title, r.slug, r.summary, r.body, r."plainText", r.disclaimer, r."contentDate", r.regions, r.recommendations, r."createdAt"
    FROM "Revision" r JOIN "Article" a ON a."publishedRevisionId" = r.id
    WHERE r.slug = ${slug} AND a."deletedAt" IS NULL`;
  if (!article) return null;
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
