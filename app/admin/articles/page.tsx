import Link from 'next/link';
import { redirect } from 'next/navigation';
import { PageHeader } from '@/components/admin/page-header';
import { ArticleTable } from '@/components/articles/article-table';
import { ArticleFilters } from '@/components/articles/article-filters';
import { articleListHref } from '@/components/articles/list-url';
import { listArticles } from '@/lib/articles/queries';
import { parseArticleListQuery } from '@/lib/articles/list-query';
import { roleHas } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { getRegion } from '@/lib/regions/region-path';

export const metadata = { title: '文章' };

export default async function ArticlesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('article:read-draft');
  const query = parseArticleListQuery(await searchParams);
  const list = await listArticles(query);
  // A page past the last one an estimated list can reach shows that last page, under its own URL.
  if (list.page !== query.page) redirect(articleListHref(query, { page: list.page }));
  const region = query.region ? getRegion(query.region) : undefined;
  return (
    <>
      <PageHeader title="文章">
        {roleHas(user.role, 'article:create') && <Link href="/admin/articles/new" className="button primary">新建文章</Link>}
      </PageHeader>
      <ArticleFilters query={query} regionName={region?.name ?? null} />
      {/* A new filter, sort or page starts with nothing selected. */}
      <ArticleTable key={articleListHref(query, {})} list={list} query={query} canBulkEdit={roleHas(user.role, 'article:edit')} />
    </>
  );
}
