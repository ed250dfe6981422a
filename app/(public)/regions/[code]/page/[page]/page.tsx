import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RegionList, listPageHref, pageParam } from '@/components/public/list-pages';
import { getPublicSiteSettings, getRegionPage } from '@/lib/public/queries';
import { pageMetadata } from '@/lib/public/site-metadata';

// Rendered on its first request, then served from the cache until a change to what it shows
// expires its tags (lib/public-cache).
export const revalidate = false;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ code: string; page: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code, page } = await params;
  const n = pageParam(page);
  const data = /^\d{6}$/.test(code) ? await getRegionPage(code, n) : null;
  if (!data) notFound();
  return pageMetadata(await getPublicSiteSettings(), { path: listPageHref(`/regions/${code}`, n), title: `${data.region.name}医保问答 第 ${n} 页` });
}

export default async function RegionListPage({ params }: { params: Promise<{ code: string; page: string }> }) {
  const { code, page } = await params;
  return <RegionList code={code} page={pageParam(page)} />;
}
