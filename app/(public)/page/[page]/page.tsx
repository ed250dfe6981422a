import type { Metadata } from 'next';
import { LatestList, listPageHref, pageParam } from '@/components/public/list-pages';
import { getPublicSiteSettings } from '@/lib/public/queries';
import { pageMetadata } from '@/lib/public/site-metadata';

// Rendered on its first request, then served from the cache until a change to what it shows
// expires its tags (lib/public-cache).
export const revalidate = false;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ page: string }> };

// `/` is served from here as page 1 (lib/public/public-routes.ts).
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = pageParam((await params).page);
  return pageMetadata(await getPublicSiteSettings(), { path: listPageHref('/', page), title: page > 1 ? `最新医保问答 第 ${page} 页` : undefined });
}

export default async function LatestPage({ params }: { params: Promise<{ page: string }> }) {
  return <LatestList page={pageParam((await params).page)} />;
}
