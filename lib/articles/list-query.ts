import { z } from 'zod';
import { isIsoDate } from '@/lib/dates';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { readQueryText } from '@/lib/search/query-text';
import { statusLabels } from '@/lib/workflow/transitions';

// The admin table's state lives in the URL; this schema is the one parser of it.
export const sortableColumns = ['updatedAt', 'contentDate', 'title', 'status'] as const;
export const articleStatuses = ['DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'PUBLISHED', 'ARCHIVED'] as const satisfies readonly ArticleStatus[];

/** Not (yet) live: every working status short of published. Archived pages were live once and are not counted. */
export const unpublishedStatuses = ['DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED'] as const satisfies readonly ArticleStatus[];

// The status filter takes one status or a named group, so a link such as the dashboard's
// "未发布" bar stays a readable URL (?status=UNPUBLISHED).
export const statusFilters = [...articleStatuses, 'UNPUBLISHED'] as const;
export type StatusFilter = (typeof statusFilters)[number];

export const statusFilterLabels: Record<StatusFilter, string> = { ...statusLabels, UNPUBLISHED: '未发布（草稿至已批准）' };

export function statusesOf(filter: StatusFilter): readonly ArticleStatus[] {
  return filter === 'UNPUBLISHED' ? unpublishedStatuses : [filter];
}

// The schedule filter: any pending schedule, or one kind (lib/schedule).
export const scheduleFilters = ['ANY', 'PUBLISH', 'UNPUBLISH'] as const;
export const scheduleFilterLabels: Record<(typeof scheduleFilters)[number], string> = { ANY: '有定时安排', PUBLISH: '定时发布', UNPUBLISH: '定时下线' };

const optionalDate = z
  .string()
  .optional()
  .transform((v) => (v && isIsoDate(v) ? v : undefined));

export const articleListQuerySchema = z.object({
  // As every search box reads it: without control characters, cut at 100 characters (the page
  // says so, readQueryText's `cut`), never a reason to fail the page.
  q: z
    .unknown()
    .transform((v) => readQueryText(v).text || undefined)
    .optional(),
  status: z.enum(statusFilters).optional().catch(undefined),
  region: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .catch(undefined),
  from: optionalDate,
  to: optionalDate,
  scheduled: z.enum(scheduleFilters).optional().catch(undefined),
  sort: z.enum(sortableColumns).catch('updatedAt'),
  dir: z.enum(['asc', 'desc']).catch('desc'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => [10, 20, 50, 100].includes(n))
    .catch(20),
});

export type ArticleListQuery = z.infer<typeof articleListQuerySchema>;

export function parseArticleListQuery(params: Record<string, string | string[] | undefined>): ArticleListQuery {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return articleListQuerySchema.parse(flat);
}

const defaults: Partial<ArticleListQuery> = { sort: 'updatedAt', dir: 'desc', page: 1, size: 20 };

/** The URL of the article table with some of its state changed; defaults are left out. */
export function articleListHref(query: ArticleListQuery, change: Partial<ArticleListQuery>): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined || value === null || value === '') continue;
    if (defaults[key as keyof ArticleListQuery] === value) continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `/admin/articles?${qs}` : '/admin/articles';
}
