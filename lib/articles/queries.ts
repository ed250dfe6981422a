import { db, type Db } from '@/lib/db/client';
import { toIsoDate } from '@/lib/dates';
import { Prisma } from '@/lib/generated/prisma/client';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { regionRollupWhere } from '@/lib/regions/region-filter';
import { parseQuery, toTsquery, type SynonymIndex } from '@/lib/search/parse-query';
import { withIndexScans } from '@/lib/search/plan';
import { readSynonymIndex } from '@/lib/search/synonyms';
import { statusesOf, type ArticleListQuery } from './list-query';

// Admin reads. Callers (pages) have already checked the user with requireUser().

// The admin table is one SQL statement for the page and one for the total, in parallel.
// Both are shaped so PostgreSQL can answer them from the narrow Article indexes
// (updatedAt|contentDate|title|status … id, deletedAt) without reading the wide rows: the page
// picks its ids first (an index-only scan, even at a deep OFFSET) and only then joins the 20
// rows it shows. scripts/bench-queries.ts holds it to 100 ms p95 over 100,000 articles.

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function listFilterSql(query: ArticleListQuery, synonyms: SynonymIndex): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [Prisma.sql`a."deletedAt" IS NULL`];
  if (query.status) {
    const statuses = statusesOf(query.status);
    conditions.push(
      statuses.length === 1
        ? Prisma.sql`a.status = ${statuses[0]}::"ArticleStatus"`
        : Prisma.sql`a.status IN (${Prisma.join(statuses.map((s) => Prisma.sql`${s}::"ArticleStatus"`))})`,
    );
  }
  if (query.q) {
    // The working copy's title, summary and body, through the same search as the public site
    // (lib/search), synonyms included; the table keeps its own order.
    // Text with nothing to search for (only punctuation, e.g. "%") is looked up in titles literally.
    const parsed = parseQuery(query.q, synonyms);
    const text = parsed
      ? Prisma.sql`a.id IN (SELECT s."articleId" FROM "ArticleSearch" s WHERE s.vector @@ ${toTsquery(parsed)}::tsquery)`
      : Prisma.sql`a.title LIKE ${likePattern(query.q)}`;
    // Slugs are lowercase pinyin, digits and hyphens: other text cannot match one.
    const slug = query.q.toLowerCase();
    conditions.push(/^[a-z0-9-]+$/.test(slug) ? Prisma.sql`(${text} OR a.slug LIKE ${likePattern(slug)})` : text);
  }
  if (query.region) {
    const rollup = regionRollupWhere(query.region);
    const column = 'provinceCode' in rollup ? Prisma.sql`ar."provinceCode"` : 'cityCode' in rollup ? Prisma.sql`ar."cityCode"` : Prisma.sql`ar."regionCode"`;
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "ArticleRegion" ar WHERE ${column} = ${query.region} AND ar."articleId" = a.id)`);
  }
  if (query.from) conditions.push(Prisma.sql`a."contentDate" >= ${query.from}::date`);
  if (query.to) conditions.push(Prisma.sql`a."contentDate" <= ${query.to}::date`);
  return conditions;
}

// Every order ends in id, in the same direction, so one index serves both directions and pages never overlap.
function listOrderSql(sort: ArticleListQuery['sort'], dir: 'asc' | 'desc'): Prisma.Sql {
  const d = dir === 'asc' ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  switch (sort) {
    case 'updatedAt':
      return Prisma.sql`a."updatedAt" ${d}, a.id ${d}`;
    case 'title':
      return Prisma.sql`a.title ${d}, a.id ${d}`;
    case 'status':
      return Prisma.sql`a.status ${d}, a."updatedAt" ${d}, a.id ${d}`;
    case 'contentDate':
      return Prisma.sql`a."contentDate" ${d} NULLS LAST, a.id ${d}`;
  }
}

type ListRowRecord = {
  id: string;
  title: string;
  slug: string;
  status: ArticleStatus;
  contentDate: Date | null;
  updatedAt: Date;
  isLive: boolean;
  updatedBy: string | null;
  regions: string[];
};

type Reader = Pick<Db, '$queryRaw'>;

async function selectListPage(reader: Reader, conditions: Prisma.Sql[], order: Prisma.Sql, offset: number, limit: number): Promise<ListRowRecord[]> {
  if (limit <= 0) return [];
  return reader.$queryRaw<ListRowRecord[]>`
    WITH page AS (
      SELECT a.id FROM "Article" a
      WHERE ${Prisma.join(conditions, ' AND ')}
      ORDER BY ${order}
      LIMIT ${limit} OFFSET ${offset}
    )
    SELECT a.id, a.title, a.slug, a.status::text AS status, a."contentDate", a."updatedAt",
           a."publishedRevisionId" IS NOT NULL AS "isLive", u.name AS "updatedBy",
           ARRAY(SELECT r.name FROM "ArticleRegion" ar JOIN "Region" r ON r.code = ar."regionCode"
                 WHERE ar."articleId" = a.id ORDER BY ar.confidence DESC, ar."regionCode" LIMIT 3) AS regions
    FROM page JOIN "Article" a ON a.id = page.id LEFT JOIN "User" u ON u.id = a."updatedById"
    ORDER BY ${order}`;
}

async function countListed(reader: Reader, conditions: Prisma.Sql[]): Promise<number> {
  const [{ total }] = await reader.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM "Article" a WHERE ${Prisma.join(conditions, ' AND ')}`;
  return total;
}

export async function listArticles(query: ArticleListQuery) {
  const conditions = listFilterSql(query, query.q ? await readSynonymIndex(db) : new Map());
  const offset = (query.page - 1) * query.size;
  // A text search reads through the search index (see withIndexScans); page and total each in their own connection, in parallel.
  const read = <T,>(fn: (reader: Reader) => Promise<T>): Promise<T> => (query.q ? withIndexScans(db, fn) : fn(db));
  const counting = read((r) => countListed(r, conditions));

  let paging: Promise<ListRowRecord[]>;
  if (query.sort === 'contentDate' && query.dir === 'desc') {
    // "Newest first, undated last" is an order no index can hold (Prisma cannot declare NULLS LAST
    // on an index), so the dated and the undated articles are paged as two ordered runs.
    paging = (async () => {
      // Without nulls in the run, plain DESC (nulls first) is the same order and matches a backward index scan.
      return read(async (r) => {
        const dated = await selectListPage(r, [...conditions, Prisma.sql`a."contentDate" IS NOT NULL`], Prisma.sql`a."contentDate" DESC, a.id DESC`, offset, query.size);
        if (dated.length === query.size) return dated;
        const datedTotal = await countListed(r, [...conditions, Prisma.sql`a."contentDate" IS NOT NULL`]);
        const undated = await selectListPage(r, [...conditions, Prisma.sql`a."contentDate" IS NULL`], Prisma.sql`a.id DESC`, Math.max(0, offset - datedTotal), query.size - dated.length);
        return [...dated, ...undated];
      });
    })();
  } else {
    paging = read((r) => selectListPage(r, conditions, listOrderSql(query.sort, query.dir), offset, query.size));
  }
  const [rows, total] = await Promise.all([paging, counting]);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      title: r.title,
      slug: r.slug,
      status: r.status,
      isLive: r.isLive,
      contentDate: r.contentDate ? toIsoDate(r.contentDate) : null,
      updatedAt: r.updatedAt.toISOString(),
      regions: r.regions,
      updatedBy: r.updatedBy,
    })),
  };
}

export type ArticleListRow = Awaited<ReturnType<typeof listArticles>>['rows'][number];

export async function getArticleForEdit(id: string) {
  const article = await db.article.findFirst({
    where: { id, deletedAt: null },
    include: {
      regions: { include: { region: { select: { name: true, level: true } } }, orderBy: { regionCode: 'asc' } },
      recommendations: { orderBy: { position: 'asc' }, include: { targetArticle: { select: { id: true, title: true, slug: true } } } },
      reviews: { orderBy: { createdAt: 'desc' }, include: { reviewer: { select: { name: true } } } },
      publishedRevision: { select: { articleVersion: true, slug: true } },
      createdBy: { select: { name: true } },
      updatedBy: { select: { name: true } },
    },
  });
  return article;
}

export type ArticleForEdit = NonNullable<Awaited<ReturnType<typeof getArticleForEdit>>>;

/** Articles an editor can link a recommendation item to. */
export async function findLinkableArticles(text: string, excludeId: string) {
  return db.article.findMany({
    where: { deletedAt: null, id: { not: excludeId }, title: { contains: text, mode: 'insensitive' } },
    orderBy: { updatedAt: 'desc' },
    take: 10,
    select: { id: true, title: true, status: true },
  });
}

export async function listReviewQueue() {
  return db.article.findMany({
    where: { deletedAt: null, status: 'IN_REVIEW' },
    orderBy: { updatedAt: 'asc' },
    select: { id: true, title: true, version: true, updatedAt: true, updatedBy: { select: { name: true } } },
  });
}

export async function countByStatus() {
  const groups = await db.article.groupBy({ by: ['status'], where: { deletedAt: null }, _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Partial<Record<string, number>>;
}
