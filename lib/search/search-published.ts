import type { Db } from '@/lib/db/client';
import { toIsoDate } from '@/lib/dates';
import { toTsquery, type ParsedQuery } from './parse-query';
import { buildSnippet, type SnippetSegment } from './snippet';

// Public search over live versions only: PublishedArticleSearch holds a row exactly while an
// article is live, and the rows shown are read from the published revision (never the working
// copy), with the article checked live and out of the trash once more.
//
// Order: articles whose title matches the whole query first, then relevance (ts_rank of the
// title: how much of it the query covers), then the newest publication. A very common term (医保 is in
// most articles) would have PostgreSQL rank every match on each query, so only the newest
// CANDIDATES matches are ranked, and the pages stop there; the total stays exact. One bitmap scan
// of the GIN index serves both (it reads the narrow rows only, never the large vectors).

export const SEARCH_PAGE_SIZE = 20;
export const CANDIDATES = 1000;

export type SearchHit = { id: string; slug: string; title: string; date: string | null; snippet: SnippetSegment[]; titleMatch: boolean };
export type SearchResults = { total: number; page: number; pageCount: number; hits: SearchHit[] };

type HitRow = { total: number; id: string | null; slug: string; title: string; summary: string; plainText: string; publishedAt: Date | null; titleMatch: boolean };

/**
 * Runs `read` with sequential scans off: the planner prices `vector @@ query` as cheap and would
 * rather read and decompress every vector of a common term than use the GIN index. No parallel
 * workers either: starting them costs more than these reads take.
 */
export async function withIndexScans<T>(db: Db, read: (tx: Pick<Db, '$queryRaw'>) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
    await tx.$executeRaw`SET LOCAL max_parallel_workers_per_gather = 0`;
    return read(tx);
  });
}

export async function searchPublished(db: Db, query: ParsedQuery, page: number): Promise<SearchResults> {
  const tsquery = toTsquery(query);
  const titleQuery = toTsquery(query, 'A');
  const offset = Math.min((page - 1) * SEARCH_PAGE_SIZE, CANDIDATES);
  const rows = await withIndexScans(db, (tx) => tx.$queryRaw<HitRow[]>`
    WITH candidates AS (
      SELECT s."articleId", s."publishedAt", s."titleVector", count(*) OVER () AS total
      FROM "PublishedArticleSearch" s WHERE s.vector @@ ${tsquery}::tsquery
      ORDER BY s."publishedAt" DESC, s."articleId" LIMIT ${CANDIDATES}
    ), ranked AS (
      SELECT c."articleId", c."publishedAt", c."titleVector" @@ ${titleQuery}::tsquery AS "titleMatch",
             ts_rank('{0.1, 0.2, 0.4, 1.0}', c."titleVector", ${tsquery}::tsquery) AS rank
      FROM candidates c
      ORDER BY "titleMatch" DESC, rank DESC, c."publishedAt" DESC, c."articleId"
      LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${offset}
    )
    SELECT t.total, a.id, r.slug, r.title, r.summary, r."plainText", k."publishedAt", k."titleMatch"
    FROM (SELECT coalesce(max(total), 0)::int AS total FROM candidates) t
    LEFT JOIN (ranked k
      JOIN "Article" a ON a.id = k."articleId" AND a."deletedAt" IS NULL
      JOIN "Revision" r ON r.id = a."publishedRevisionId") ON true
    ORDER BY k."titleMatch" DESC, k.rank DESC, k."publishedAt" DESC, k."articleId"`);
  const total = rows[0]?.total ?? 0;
  return {
    total,
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
