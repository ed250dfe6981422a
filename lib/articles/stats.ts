import { db } from '@/lib/db/client';
import { toIsoDate } from '@/lib/dates';
import { Prisma } from '@/lib/generated/prisma/client';
import { getRegion } from '@/lib/regions/region-path';
import { unpublishedStatuses } from './list-query';

// The dashboard's charts. What they count (also said on the page): articles not in the trash,
// by their current status: "published" is PUBLISHED, "unpublished" every working status short of
// it (DRAFT, IN_REVIEW, CHANGES_REQUESTED, APPROVED). Archived articles are in neither. The numbers
// are what the linked table shows for the same filters.

export type PageCounts = { published: number; unpublished: number };
export type ProvinceCounts = PageCounts & { code: string; name: string; shortName: string };
export type MonthCounts = PageCounts & { month: string; from: string; to: string };

const unpublishedSql = Prisma.join(unpublishedStatuses.map((s) => Prisma.sql`${s}::"ArticleStatus"`));

/**
 * Articles per province, counting an article tagged with the province or any region in it once
 * (as the table's region filter does); an article tagged in two provinces counts in both.
 * Provinces without articles are left out; the busiest come first.
 */
export async function countPagesByProvince(): Promise<ProvinceCounts[]> {
  const rows = await db.$queryRaw<(PageCounts & { code: string })[]>`
    SELECT t."provinceCode" AS code,
           count(*) FILTER (WHERE a.status = 'PUBLISHED')::int AS published,
           count(*) FILTER (WHERE a.status <> 'PUBLISHED')::int AS unpublished
    -- One row per article and province, read in the order of the (provinceCode, articleId) index.
    FROM (SELECT DISTINCT ON ("provinceCode", "articleId") "provinceCode", "articleId" FROM "ArticleRegion" ORDER BY "provinceCode", "articleId") t
    JOIN "Article" a ON a.id = t."articleId"
    WHERE a."deletedAt" IS NULL AND (a.status = 'PUBLISHED' OR a.status IN (${unpublishedSql}))
    GROUP BY t."provinceCode"`;
  return rows
    .map((row) => {
      const region = getRegion(row.code);
      return { ...row, name: region?.name ?? row.code, shortName: region?.shortName ?? row.code };
    })
    .sort((a, b) => b.published + b.unpublished - (a.published + a.unpublished) || a.code.localeCompare(b.code));
}

/** 'YYYY-MM-DD' of today where the editors are (the site is Chinese; the server may run in UTC). */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The `count` calendar months ending with the month of `today`, oldest first, with their first and last days. */
export function monthWindow(today: string, count: number): { month: string; from: string; to: string }[] {
  const [year, month] = today.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const first = new Date(Date.UTC(year, month - count + i, 1));
    const last = new Date(Date.UTC(year, month - count + i + 1, 0));
    return { month: toIsoDate(first).slice(0, 7), from: toIsoDate(first), to: toIsoDate(last) };
  });
}

/** Articles per month of their contentDate over the last `months` months (undated articles are not in any month). */
export async function countPagesByMonth(options: { months?: number; today?: string } = {}): Promise<MonthCounts[]> {
  const window = monthWindow(options.today ?? todayInChina(), options.months ?? 24);
  const rows = await db.$queryRaw<(PageCounts & { month: string })[]>`
    SELECT to_char(a."contentDate", 'YYYY-MM') AS month,
           count(*) FILTER (WHERE a.status = 'PUBLISHED')::int AS published,
           count(*) FILTER (WHERE a.status <> 'PUBLISHED')::int AS unpublished
    FROM "Article" a
    WHERE a."deletedAt" IS NULL AND (a.status = 'PUBLISHED' OR a.status IN (${unpublishedSql}))
      AND a."contentDate" >= ${window[0].from}::date AND a."contentDate" <= ${window[window.length - 1].to}::date
    GROUP BY 1`;
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return window.map((m) => ({ ...m, published: byMonth.get(m.month)?.published ?? 0, unpublished: byMonth.get(m.month)?.unpublished ?? 0 }));
}
