import type { Metadata } from 'next';
import { MonthList, listPageHref, pageParam } from '@/components/public/list-pages';
import { getPublicSiteSettings } from '@/lib/public/queries';
import { pageMetadata } from '@/lib/public/site-metadata';

// Rendered on its first request, then served from the cache until a change to what it shows
// expires its tags (lib/public-cache).
export const revalidate = false;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ month: string; page: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { month, page } = await params;
  const n = pageParam(page);
  return pageMetadata(await getPublicSiteSettings(), { path: listPageHref(`/months/${month}`, n), title: `${month} 医保问答 第 ${n} 页` });
}

export default async function MonthListPage({ params }: { params: Promise<{ month: string; page: string }> }) {
  const { month, page } = await params;
  return <MonthList month={month} page={pageParam(page)} />;
}
