import Link from 'next/link';
import { redirect } from 'next/navigation';
import { PageHeader } from '@/components/admin/page-header';
import { ArticleTable } from '@/components/articles/article-table';
import { ArticleFilters } from '@/components/articles/article-filters';
import { SavedViews } from '@/components/articles/saved-views';
import { articleListHref } from '@/lib/articles/list-query';
import { listArticles } from '@/lib/articles/queries';
import { readSavedViews, viewQueryString } from '@/lib/articles/saved-views';
import { parseArticleListQuery } from '@/lib/articles/list-query';
import { roleHas } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { getRegion } from '@/lib/regions/region-path';
import { queryCutNotice, readQueryText } from '@/lib/search/query-text';

export const metadata = { title: '文章' };

export default async function ArticlesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('article:read-draft');
  const params = await searchParams;
  const query = parseArticleListQuery(params);
  const [list, views] = await Promise.all([listArticles(query), readSavedViews(user)]);
  // A page past the last one an estimated list can reach shows that last page, under its own URL.
  if (list.page !== query.page) redirect(articleListHref(query, { page: list.page }));
  const region = query.region ? getRegion(query.region) : undefined;
  return (
    <>
      <PageHeader title="文章">
        {roleHas(user.role, 'article:create') && (
          <Link href="/admin/articles/new" className="button primary">
            新建文章
          </Link>
        )}
      </PageHeader>
      <SavedViews views={views} currentQuery={viewQueryString(query)} canShare={roleHas(user.role, 'article:share-view')} />
      <ArticleFilters query={query} regionName={region?.name ?? null} />
      {readQueryText(params.q).cut && (
        <p className="muted" role="status" data-testid="keyword-notice">
          {queryCutNotice()}
        </p>
      )}
      {/* A new filter, sort or page starts with nothing selected. */}
      <ArticleTable
        key={articleListHref(query, {})}
        list={list}
        query={query}
        bulk={{
          canEdit: roleHas(user.role, 'article:edit'),
          canSubmit: roleHas(user.role, 'article:submit'),
          canPublish: roleHas(user.role, 'article:publish'),
          canTrash: roleHas(user.role, 'article:delete-own-draft'),
        }}
      />
    </>
  );
}
