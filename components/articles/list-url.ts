import type { ArticleListQuery } from '@/lib/articles/list-query';

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
