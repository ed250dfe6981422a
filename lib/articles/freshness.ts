import 'server-only';
import { db } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { currentYearInChina, POLICY_YEAR_PATTERN, policyYearPatternFrom } from './policy-years';

// The freshness view: live articles whose published text states policy years that are all
// before the current year (缴费标准 change every year). The years are read in SQL with the
// patterns of lib/articles/policy-years.ts, so filtering, ordering and paging happen in the
// database.
//
// Cost: the view reads every live text (about 1 s for 20,000 published texts of 1,000
// characters here). A boolean `~` is cheaper than regexp_matches, which returns a row per
// match, so texts are filtered with `~` first, the newest year is extracted from stale texts
// only, and the full list of years only for the rows of the page shown. Should the view need
// to be fast on far larger sites, store the years on Revision when it is written.

export const freshnessPageSize = 20;

/** SQL: the distinct policy years of a text expression, ascending (int[]; empty when none). */
export function policyYearsSql(text: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`array(
    SELECT DISTINCT coalesce(m[1], m[2])::int
    FROM regexp_matches(${text}, ${POLICY_YEAR_PATTERN}, 'g') AS m
    ORDER BY 1)`;
}

/** SQL: the newest policy year of a text expression (null when it states none). */
function newestPolicyYearSql(text: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT max(coalesce(m[1], m[2])::int) FROM regexp_matches(${text}, ${POLICY_YEAR_PATTERN}, 'g') AS m)`;
}

/** SQL: the live articles whose published text's newest policy year is before `currentYear`. */
function staleArticlesSql(currentYear: number): Prisma.Sql {
  const text = Prisma.sql`live.text`;
  const fromCurrentYear = policyYearPatternFrom(currentYear);
  // Two boolean scans drop most rows cheaply: `~` stops at the first match, so a text that
  // states no year, or states this year early on, costs little. The newest year is then
  // extracted from the stale texts only.
  return Prisma.sql`
    WITH live AS (
      SELECT a.id, a.status, a."publishedAt", r.title, r.slug, r."articleVersion", r.title || E'\n' || r."plainText" AS text
      FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId"
      WHERE a."deletedAt" IS NULL
    )
    SELECT live.*, ${newestPolicyYearSql(text)} AS "newestYear"
    FROM live
    WHERE ${text} ~ ${POLICY_YEAR_PATTERN}
      ${fromCurrentYear ? Prisma.sql`AND ${text} !~ ${fromCurrentYear}` : Prisma.empty}`;
}

export type StaleArticle = {
  id: string;
  title: string;
  slug: string;
  status: ArticleStatus;
  publishedVersion: number;
  publishedAt: Date | null;
  years: number[];
  newestYear: number;
};

type Options = { page?: number; size?: number; currentYear?: number };

/**
 * Live articles whose newest policy year is older than `currentYear` (default: this year in
 * China), the most recently stale first (newest year descending, then latest published).
 */
export async function listStaleArticles({ page = 1, size = freshnessPageSize, currentYear = currentYearInChina() }: Options = {}) {
  const offset = (Math.max(1, page) - 1) * size;
  type Row = Omit<StaleArticle, 'publishedVersion'> & { articleVersion: number; total: bigint };
  const rows = await db.$queryRaw<Row[]>`
    WITH stale AS MATERIALIZED (${staleArticlesSql(currentYear)})
    SELECT p.id, p.status, p."publishedAt", p.title, p.slug, p."articleVersion", p."newestYear", p.total,
           ${policyYearsSql(Prisma.sql`p.text`)} AS years
    FROM (
      SELECT stale.*, count(*) OVER () AS total FROM stale
      ORDER BY "newestYear" DESC, "publishedAt" DESC NULLS LAST, id
      LIMIT ${size} OFFSET ${offset}
    ) p
    ORDER BY p."newestYear" DESC, p."publishedAt" DESC NULLS LAST, p.id`;
  // Past the last page there is no row to carry the total: count on its own.
  const total =
    rows.length > 0
      ? Number(rows[0]!.total)
      : offset === 0
        ? 0
        : Number((await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM (${staleArticlesSql(currentYear)}) s`)[0]?.count ?? 0);
  return {
    currentYear,
    total,
    rows: rows.map(({ articleVersion, total: _total, ...row }): StaleArticle => ({ ...row, publishedVersion: articleVersion })),
  };
}
