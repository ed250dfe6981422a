import { ArticleList, Pager, pageFromSearch } from '@/components/public/article-list';
import { getLatestArticles, publicPageSize } from '@/lib/public/queries';

export default async function HomePage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const page = pageFromSearch((await searchParams).page);
  const { items, total } = await getLatestArticles(page);
  return (
    <>
      <h1 style={{ fontSize: 24 }}>最新医保问答</h1>
      <ArticleList items={items} />
      <Pager page={page} total={total} pageSize={publicPageSize} href={(p) => (p === 1 ? '/' : `/?page=${p}`)} />
    </>
  );
}
