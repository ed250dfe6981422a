import { notFound } from 'next/navigation';
import { ArticleList, Pager, pageFromSearch } from '@/components/public/article-list';
import { getMonthPage, publicPageSize } from '@/lib/public/queries';

type Props = { params: Promise<{ month: string }>; searchParams: Promise<{ page?: string }> };

export async function generateMetadata({ params }: Props) {
  const { month } = await params;
  return { title: `${month} 医保问答` };
}

export default async function MonthPage({ params, searchParams }: Props) {
  const [{ month }, search] = await Promise.all([params, searchParams]);
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) notFound();
  const page = pageFromSearch(search.page);
  const { items, total } = await getMonthPage(month, page);
  if (total === 0) notFound();
  return (
    <>
      <h1 style={{ fontSize: 24 }}>{match[1]} 年 {Number(match[2])} 月</h1>
      <ArticleList items={items} />
      <Pager page={page} total={total} pageSize={publicPageSize} href={(p) => `/months/${month}?page=${p}`} />
    </>
  );
}
