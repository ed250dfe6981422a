import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RegionIndex, RegionList } from '@/components/public/list-pages';
import { getPublicSiteSettings, getRegionPage } from '@/lib/public/queries';
import { indexSegment } from '@/lib/public/public-routes';
import { pageMetadata } from '@/lib/public/site-metadata';

// Rendered on its first request, then served from the cache until a change to what it shows
// expires its tags (lib/public-cache).
export const revalidate = false;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ code: string }> };

// /regions itself is served from here (lib/public/public-routes.ts).
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  const settings = await getPublicSiteSettings();
  if (code === indexSegment) return pageMetadata(settings, { path: '/regions', title: '按地区浏览', description: '按省、市、区县浏览医保问答。' });
  const data = /^\d{6}$/.test(code) ? await getRegionPage(code, 1) : null;
  if (!data) notFound();
  return pageMetadata(settings, {
    path: `/regions/${code}`,
    title: `${data.region.name}医保问答`,
    description: `${data.region.name}的医保政策问答，共 ${data.total} 篇。`,
  });
}

export default async function RegionPage({ params }: Props) {
  const { code } = await params;
  return code === indexSegment ? <RegionIndex /> : <RegionList code={code} page={1} />;
}
