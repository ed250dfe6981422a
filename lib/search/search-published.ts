import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { toIsoDate } from '@/lib/dates';
import { toTsquery, type ParsedQuery } from './parse-query';
import { estimateRows, HUGE, roundEstimate, withIndexScans } from './plan';
import { buildSnippet, type SnippetSegment } from './snippet';

// Public search over live versions only: PublishedArticleSearch holds a row exactly while an
// article is live, and the rows shown are read from the published revision (never the working
// copy), with the article checked live and out of the trash once more.
//
// Order: articles whose title matches the whole query first, then relevance (ts_rank of the
// title: how much of it the query covers), then the newest publication. Only the newest
// CANDIDATES matches are ranked, and the pages stop there:
//  - up to HUGE matches (the planner's estimate), one bitmap scan of the GIN index finds them all
//    (reading narrow rows, never the large vectors), counts them exactly and keeps the newest;
//  - beyond (医保 is in most articles), reading every match costs more than the 50 ms a search may
//    take, so the newest matches are found by walking the publication-date index, and the total
//    shown is the planner's estimate ("约 58,000 条"; lib/search/plan.ts).

export const SEARCH_PAGE_SIZE = 20;
export const CANDIDATES = 1000;

export type SearchHit = { id: string; slug: string; title: string; date: string | null; snippet: SnippetSegment[]; titleMatch: boolean };
export type SearchResults = { total: number; totalIsEstimate: boolean; page: number; pageCount: number; hits: SearchHit[] };

type HitRow = {
  total: number;
  id: string | null;
  slug: string;
  title: string;
  summary: string;
  plainText: string;
  publishedAt: Date | null;
  titleMatch: boolean;
};

/** `hugeAbove`: the estimate from which the date-index path is taken (tests lower it). */
export async function searchPublished(db: Db, query: ParsedQuery, page: number, { hugeAbove = HUGE } = {}): Promise<SearchResults> {
  const tsquery = toTsquery(query);
  const titleQuery = toTsquery(query, 'A');
  const offset = Math.min((page - 1) * SEARCH_PAGE_SIZE, CANDIDATES);
  const { rows, estimate } = await withIndexScans(db, async (tx) => {
    const estimate = await estimateRows(tx, Prisma.sql`SELECT 1 FROM "PublishedArticleSearch" s WHERE s.vector @@ ${tsquery}::tsquery`);
    const huge = estimate > hugeAbove;
    const candidates = huge
      ? Prisma.sql`SELECT s."articleId", s."publishedAt", 0 AS total
          FROM "PublishedArticleSearch" s WHERE s.vector @@ ${tsquery}::tsquery
          ORDER BY s."publishedAt" DESC, s."articleId" DESC LIMIT ${CANDIDATES}`
      : Prisma.sql`SELECT m."articleId", m."publishedAt", count(*) OVER () AS total
          FROM matches m ORDER BY m."publishedAt" DESC, m."articleId" DESC LIMIT ${CANDIDATES}`;
    // The CTE keeps the exact path off the date index (walking it would decompress every vector).
    const rows = await tx.$queryRaw<HitRow[]>`
    WITH matches AS MATERIALIZED (
      SELECT s."articleId", s."publishedAt" FROM "PublishedArticleSearch" s
      WHERE ${huge ? Prisma.sql`false` : Prisma.sql`s.vector @@ ${tsquery}::tsquery`}
    ), candidates AS (${candidates}), ranked AS (
      SELECT c."articleId", c."publishedAt", s."titleVector" @@ ${titleQuery}::tsquery AS "titleMatch",
             ts_rank('{0.1, 0.2, 0.4, 1.0}', s."titleVector", ${tsquery}::tsquery) AS rank
      FROM candidates c JOIN "PublishedArticleSearch" s ON s."articleId" = c."articleId"
      ORDER BY "titleMatch" DESC, rank DESC, c."publishedAt" DESC, c."articleId" DESC
      LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${offset}
    )
    SELECT t.total, a.id, r.slug, r.title, r.summary, r."plainText", k."publishedAt", k."titleMatch"
    FROM (SELECT coalesce(max(total), 0)::int AS total FROM candidates) t
    LEFT JOIN (ranked k
      JOIN "Article" a ON a.id = k."articleId" AND a."deletedAt" IS NULL
      JOIN "Revision" r ON r.id = a."publishedRevisionId") ON true
    ORDER BY k."titleMatch" DESC, k.rank DESC, k."publishedAt" DESC, k."articleId" DESC`;
    return { rows, estimate: huge ? roundEstimate(estimate) : null };
  });
  const total = estimate ?? rows[0]?.total ?? 0;
  return {
    total,
    totalIsEstimate: estimate !== null,
    page,
    pageCount: Math.ceil(Math.min(total, CANDIDATES) / SEARCH_PAGE_SIZE),
    hits: rows
      .filter((row): row is HitRow & { id: string } => row.id !== null)
      .map((row) => ({
        id: row.id,
        slug: row.slug,
        title: row.title,
        date: row.publishedAt ? toIsoDate(row.publishedAt) : null,
        snippet: buildSnippet([row.plainText, row.summary], query.needles),
        titleMatch: row.titleMatch,
      })),
  };
}
