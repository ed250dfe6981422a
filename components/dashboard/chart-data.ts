import { articleListHref } from '@/lib/articles/list-query';
import { articleListQuerySchema, type StatusFilter } from '@/lib/articles/list-query';
import type { MonthCounts, ProvinceCounts } from '@/lib/articles/stats';
import type { PagesBarDatum } from './pages-bar-chart';

// The charts' bars and the article-table URL each part of a bar links to (pure, so tests can
// follow a link into listArticles and compare the numbers).

const defaultQuery = articleListQuerySchema.parse({});

function tableHref(filters: { region?: string; from?: string; to?: string }, status: StatusFilter): string {
  return articleListHref(defaultQuery, { ...filters, status });
}

function monthLabel(month: string): string {
  const [year, m] = month.split('-');
  return `${year}年${Number(m)}月`;
}

export function provinceData(rows: ProvinceCounts[]): PagesBarDatum[] {
  return rows.map((row) => ({
    key: row.code,
    label: row.shortName,
    fullLabel: row.name,
    published: row.published,
    unpublished: row.unpublished,
    publishedHref: tableHref({ region: row.code }, 'PUBLISHED'),
    unpublishedHref: tableHref({ region: row.code }, 'UNPUBLISHED'),
  }));
}

export function monthData(rows: MonthCounts[]): PagesBarDatum[] {
  return rows.map((row) => ({
    key: row.month,
    label: row.month,
    fullLabel: monthLabel(row.month),
    published: row.published,
    unpublished: row.unpublished,
    publishedHref: tableHref({ from: row.from, to: row.to }, 'PUBLISHED'),
    unpublishedHref: tableHref({ from: row.from, to: row.to }, 'UNPUBLISHED'),
  }));
}
