import { db } from '@/lib/db/client';
import { toIsoDate } from '@/lib/dates';
import { Prisma } from '@/lib/generated/prisma/client';
import type { ArticleStatus, ScheduledAction } from '@/lib/generated/prisma/enums';
import { regionRollupWhere } from '@/lib/regions/region-filter';
import { scheduleProblem } from '@/lib/schedule/schedule-state';
import { parseQuery, toTsquery, type SynonymIndex } from '@/lib/search/parse-query';
import { estimateRows, HUGE, roundEstimate, withIndexScans, type Reader } from '@/lib/search/plan';
import { readSynonymIndex } from '@/lib/search/synonyms';
import { currentLockHolder, type LockHolder } from './edit-lock';
import { statusesOf, type ArticleListQuery } from './list-query';

// Admin reads. Callers (pages) have already checked the user with requireUser().

// The admin table is one SQL statement for the page and one for the total, in parallel.
// Both are shaped so PostgreSQL can answer them from the narrow Article indexes
// (updatedAt|contentDate|title|status … id, deletedAt) without reading the wide rows: the page
// picks its ids first (an index-only scan, even at a deep OFFSET) and only then joins the 20
// rows it shows. scripts/bench-queries.ts holds it to 100 ms p95 over 100,000 articles.
//
// A keyword search (q) is planned as the public search is (lib/search/plan.ts), from the
// planner's estimate of the articles the filters and the keyword match together:
//  - up to HUGE, every match is found: the page and the exact total as without a keyword;
//  - beyond (医保 is in nearly every article), finding every match costs more than the table may
//    take (every match is a row of the search table to read and join), so the page walks the
//    filtered articles in the table's order and looks each one up in the search index until the
//    page is full, and the total is the estimate ("约 97,000 篇"). A walk costs what it skips, so
//    such a list pages through its first ESTIMATED_ROWS_PAGED articles in the order chosen (the
//    reversed order shows the other end; filters narrow the list); and a walk that finds too few
//    (the list ends there, or the keyword is rare around the page) finds every match after all.
// Text that can be in a slug (pinyin, digits) is always matched exactly: slugs are in no index
// a walk could probe.

/** How far a list with an estimated total can be paged (in rows: 50 pages of 20, 10 of 100). */
export const ESTIMATED_ROWS_PAGED = 1_000;
/**
 * How many filtered articles a page of such a list looks at before it finds all matches instead:
 * enough for a keyword in one article of eight around the page (those common enough to be
 * estimated are in far more), at most 5,000 (some 40 ms).
 */
function walkedRows(offset: number, limit: number): number {
  return Math.min(5_000, 1_000 + 8 * (offset + limit));
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The keyword filter. `condition` tests an article `a` where a statement finds every match (it
 * joins the search index's matches); `lookup`, where a walk can test one article `a` by a probe of
 * the search index alone: not for text that can be in a slug (pinyin, digits), since slugs are in
 * no index a probe can read, nor for punctuation looked up in titles.
 */
type TextFilter = { condition: Prisma.Sql; lookup: Prisma.Sql | null };

type ListFilters = { filters: Prisma.Sql[]; text: TextFilter | null };

function listFilterSql(query: ArticleListQuery, synonyms: SynonymIndex): ListFilters {
  const filters: Prisma.Sql[] = [Prisma.sql`a."deletedAt" IS NULL`];
  if (query.status) {
    const statuses = statusesOf(query.status);
    filters.push(
      statuses.length === 1
        ? Prisma.sql`a.status = ${statuses[0]}::"ArticleStatus"`
        : Prisma.sql`a.status IN (${Prisma.join(statuses.map((s) => Prisma.sql`${s}::"ArticleStatus"`))})`,
    );
  }
  if (query.region) {
    const rollup = regionRollupWhere(query.region);
    const column = 'provinceCode' in rollup ? Prisma.sql`ar."provinceCode"` : 'cityCode' in rollup ? Prisma.sql`ar."cityCode"` : Prisma.sql`ar."regionCode"`;
    filters.push(Prisma.sql`EXISTS (SELECT 1 FROM "ArticleRegion" ar WHERE ${column} = ${query.region} AND ar."articleId" = a.id)`);
  }
  if (query.from) filters.push(Prisma.sql`a."contentDate" >= ${query.from}::date`);
  if (query.to) filters.push(Prisma.sql`a."contentDate" <= ${query.to}::date`);
  if (query.scheduled) {
    // scheduledAt is indexed and set with the action: the few scheduled articles are found from it.
    filters.push(Prisma.sql`a."scheduledAt" IS NOT NULL`);
    filters.push(
      query.scheduled === 'ANY' ? Prisma.sql`a."scheduledAction" IS NOT NULL` : Prisma.sql`a."scheduledAction" = ${query.scheduled}::"ScheduledAction"`,
    );
  }
  if (!query.q) return { filters, text: null };

  // The working copy's title, summary and body, through the same search as the public site
  // (lib/search), synonyms included; the table keeps its own order.
  // Slugs are lowercase pinyin, digits and hyphens: other text cannot match one.
  const lower = query.q.toLowerCase();
  const slug = /^[a-z0-9-]+$/.test(lower) ? likePattern(lower) : null;
  const parsed = parseQuery(query.q, synonyms);
  // Text with nothing to search for (only punctuation, e.g. "%") is looked up in titles literally.
  const text = parsed
    ? Prisma.sql`a.id IN (SELECT s."articleId" FROM "ArticleSearch" s WHERE s.vector @@ ${toTsquery(parsed)}::tsquery)`
    : Prisma.sql`a.title LIKE ${likePattern(query.q)}`;
  const lookup = parsed && !slug ? Prisma.sql`SELECT FROM "ArticleSearch" s WHERE s."articleId" = a.id AND s.vector @@ ${toTsquery(parsed)}::tsquery` : null;
  return { filters, text: { condition: slug ? Prisma.sql`(${text} OR a.slug LIKE ${slug})` : text, lookup } };
}

/** Every condition of the list, the keyword's included. */
function allConditions({ filters, text }: ListFilters): Prisma.Sql[] {
  return text ? [...filters, text.condition] : filters;
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

// The columns an order reads besides id (what a walk keeps of each article).
const orderColumns: Record<ArticleListQuery['sort'], Prisma.Sql> = {
  updatedAt: Prisma.sql`a."updatedAt"`,
  title: Prisma.sql`a.title`,
  status: Prisma.sql`a.status, a."updatedAt"`,
  contentDate: Prisma.sql`a."contentDate"`,
};

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
  version: number;
  scheduledAction: ScheduledAction | null;
  scheduledAt: Date | null;
  scheduledVersion: number | null;
};

// What the table shows of each row, for the ids of a page (`page`, a CTE of ids).
const rowColumns = Prisma.sql`a.id, a.title, a.slug, a.status::text AS status, a."contentDate", a."updatedAt",
           a."publishedRevisionId" IS NOT NULL AS "isLive", u.name AS "updatedBy", a.version,
           a."scheduledAction"::text AS "scheduledAction", a."scheduledAt", a."scheduledVersion",
           ARRAY(SELECT r.name FROM "ArticleRegion" ar JOIN "Region" r ON r.code = ar."regionCode"
                 WHERE ar."articleId" = a.id ORDER BY ar.confidence DESC, ar."regionCode" LIMIT 3) AS regions`;

async function selectRows(reader: Reader, pageIds: Prisma.Sql, order: Prisma.Sql): Promise<ListRowRecord[]> {
  return reader.$queryRaw<ListRowRecord[]>`
    WITH page AS (${pageIds})
    SELECT ${rowColumns}
    FROM page JOIN "Article" a ON a.id = page.id LEFT JOIN "User" u ON u.id = a."updatedById"
    ORDER BY ${order}`;
}

async function selectListPage(reader: Reader, conditions: Prisma.Sql[], order: Prisma.Sql, offset: number, limit: number): Promise<ListRowRecord[]> {
  if (limit <= 0) return [];
  return selectRows(
    reader,
    Prisma.sql`SELECT a.id FROM "Article" a WHERE ${Prisma.join(conditions, ' AND ')} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
    order,
  );
}

async function countListed(reader: Reader, conditions: Prisma.Sql[], limit?: number): Promise<number> {
  const where = Prisma.join(conditions, ' AND ');
  const [{ total }] = await reader.$queryRaw<{ total: number }[]>(
    limit === undefined
      ? Prisma.sql`SELECT count(*)::int AS total FROM "Article" a WHERE ${where}`
      : Prisma.sql`SELECT count(*)::int AS total FROM (SELECT 1 FROM "Article" a WHERE ${where} LIMIT ${limit}) t`,
  );
  return total;
}

/**
 * Rows `offset` … `offset + limit` of the list in the table's order. "Newest content first,
 * undated last" is an order no index can hold (Prisma cannot declare NULLS LAST on an index), so
 * the dated and the undated articles are paged as two ordered runs.
 */
async function walkListPage(reader: Reader, conditions: Prisma.Sql[], query: ArticleListQuery, offset: number, limit: number): Promise<ListRowRecord[]> {
  if (query.sort !== 'contentDate' || query.dir !== 'desc') return selectListPage(reader, conditions, listOrderSql(query.sort, query.dir), offset, limit);
  // Without nulls in the run, plain DESC (nulls first) is the same order and matches a backward index scan.
  const datedOnly = [...conditions, Prisma.sql`a."contentDate" IS NOT NULL`];
  const dated = await selectListPage(reader, datedOnly, Prisma.sql`a."contentDate" DESC, a.id DESC`, offset, limit);
  if (dated.length === limit) return dated;
  // The undated run starts after the dated articles: only as many as the offset can skip matter.
  const datedBefore = dated.length > 0 ? offset : await countListed(reader, datedOnly, offset);
  const undated = await selectListPage(
    reader,
    [...conditions, Prisma.sql`a."contentDate" IS NULL`],
    Prisma.sql`a.id DESC`,
    Math.max(0, offset - datedBefore),
    limit - dated.length,
  );
  return [...dated, ...undated];
}

/**
 * Rows `offset` … `offset + limit` of a keyword search, found without finding all its matches:
 * the first walkedRows() filtered articles in the table's order are read (a subquery of its own, so
 * that the planner walks an index where one holds that order rather than joining the keyword's
 * matches), and each is looked up in the search index as it comes (LATERAL … LIMIT 1: one probe
 * and one vector per article) until the page is full. Fewer rows than asked for means the list
 * ended or the walk did: the caller then finds every match instead. Undated articles come last
 * in "newest content first", so that order walks the dated ones.
 */
async function selectWalkedPage(
  reader: Reader,
  filters: Prisma.Sql[],
  lookup: Prisma.Sql,
  query: ArticleListQuery,
  offset: number,
  limit: number,
): Promise<ListRowRecord[]> {
  const newestContent = query.sort === 'contentDate' && query.dir === 'desc';
  // Without nulls, plain DESC (nulls first) is the same order and matches a backward index scan.
  const order = newestContent ? Prisma.sql`a."contentDate" DESC, a.id DESC` : listOrderSql(query.sort, query.dir);
  const walked = newestContent ? [...filters, Prisma.sql`a."contentDate" IS NOT NULL`] : filters;
  return selectRows(
    reader,
    Prisma.sql`
      SELECT a.id FROM (
        SELECT a.id, ${orderColumns[query.sort]} FROM "Article" a WHERE ${Prisma.join(walked, ' AND ')} ORDER BY ${order} LIMIT ${walkedRows(offset, limit)}
      ) a CROSS JOIN LATERAL (${lookup} LIMIT 1) hit
      ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
    order,
  );
}

export type ArticleList = {
  rows: ArticleListRow[];
  /** Exact, or the planner's estimate rounded to two figures (totalIsEstimate). */
  total: number;
  totalIsEstimate: boolean;
  /** The page shown: the one asked for, or the last one an estimated list can reach. */
  page: number;
  /** Pages that can be shown (an estimated list: at most ESTIMATED_ROWS_PAGED rows' worth). */
  pageCount: number;
  /** An estimated list stopped at its last reachable page although more articles match. */
  truncated: boolean;
};

/**
 * `hugeAbove`: the estimate from which a keyword search is estimated and walked; `rowsPaged`: how
 * far such a list pages (tests lower both).
 */
export async function listArticles(query: ArticleListQuery, { hugeAbove = HUGE, rowsPaged = ESTIMATED_ROWS_PAGED } = {}): Promise<ArticleList> {
  const list = listFilterSql(query, query.q ? await readSynonymIndex(db) : new Map());
  const conditions = allConditions(list);
  // A keyword search reads through the search index (see withIndexScans).
  const read = <T>(fn: (reader: Reader) => Promise<T>): Promise<T> => (list.text ? withIndexScans(db, fn) : fn(db));

  let page = query.page;
  const lookup = list.text?.lookup;
  if (lookup) {
    const walked = await read(async (tx): Promise<ArticleList | null> => {
      const estimate = await estimateRows(tx, Prisma.sql`SELECT 1 FROM "Article" a WHERE ${Prisma.join(conditions, ' AND ')}`);
      if (estimate <= hugeAbove) return null;
      const lastPage = Math.max(1, Math.floor(rowsPaged / query.size));
      page = Math.min(query.page, lastPage);
      const offset = (page - 1) * query.size;
      // One row more than the page tells whether another follows.
      const rows = await selectWalkedPage(tx, list.filters, lookup, query, offset, query.size + 1);
      // Too few: the list ends on this page (an exact total after all), or the walk ended first.
      if (rows.length <= query.size) return null;
      // Never less than the walk has seen.
      const total = Math.max(roundEstimate(estimate), offset + rows.length);
      return {
        rows: rows.slice(0, query.size).map(toListRow),
        total,
        totalIsEstimate: true,
        page,
        pageCount: Math.min(lastPage, Math.ceil(total / query.size)),
        truncated: page === lastPage,
      };
    });
    if (walked) return walked;
  }

  // Every match: the page and the exact total, each in its own connection, in parallel.
  const offset = (page - 1) * query.size;
  const [rows, total] = await Promise.all([read((r) => walkListPage(r, conditions, query, offset, query.size)), read((r) => countListed(r, conditions))]);
  return { rows: rows.map(toListRow), total, totalIsEstimate: false, page, pageCount: Math.max(1, Math.ceil(total / query.size)), truncated: false };
}

/**
 * How many articles the table lists for `query`, without reading a page (saved views' counts):
 * exact, or for a very common keyword the planner's estimate, as the table itself shows it.
 */
export async function countArticles(
  query: ArticleListQuery,
  synonyms: SynonymIndex,
  { hugeAbove = HUGE } = {},
): Promise<{ total: number; totalIsEstimate: boolean }> {
  const list = listFilterSql(query, synonyms);
  const conditions = allConditions(list);
  const count = async (reader: Reader) => {
    if (list.text?.lookup) {
      const estimate = await estimateRows(reader, Prisma.sql`SELECT 1 FROM "Article" a WHERE ${Prisma.join(conditions, ' AND ')}`);
      if (estimate > hugeAbove) return { total: roundEstimate(estimate), totalIsEstimate: true };
    }
    return { total: await countListed(reader, conditions), totalIsEstimate: false };
  };
  return list.text ? withIndexScans(db, count) : count(db);
}

function toListRow(r: ListRowRecord) {
  return {
    id: r.id,
    title: r.title,
    slug: r.slug,
    status: r.status,
    isLive: r.isLive,
    contentDate: r.contentDate ? toIsoDate(r.contentDate) : null,
    updatedAt: r.updatedAt.toISOString(),
    regions: r.regions,
    updatedBy: r.updatedBy,
    version: r.version,
    schedule:
      r.scheduledAction && r.scheduledAt
        ? { action: r.scheduledAction, at: r.scheduledAt.toISOString(), problem: scheduleProblem({ ...r, scheduledAction: r.scheduledAction }) }
        : null,
  };
}

export type ArticleListRow = ReturnType<typeof toListRow>;

/** Who holds the article's lock, for the editor's page: read, not taken (the editor takes it once it runs). */
export function readLockHolder(articleId: string): Promise<LockHolder | null> {
  return currentLockHolder(db, articleId);
}

export async function getArticleForEdit(id: string) {
  const article = await db.article.findFirst({
    where: { id, deletedAt: null },
    include: {
      regions: { include: { region: { select: { name: true, level: true } } }, orderBy: { regionCode: 'asc' } },
      recommendations: { orderBy: { position: 'asc' }, include: { targetArticle: { select: { id: true, title: true, slug: true, deletedAt: true } } } },
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
