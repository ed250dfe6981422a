import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RegionIndex, RegionList } from '@/components/public/list-pages';
import { getRegionPage } from '@/lib/public/queries';
import { indexSegment } from '@/lib/public/public-routes';

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
  if (code === indexSegment) return { title: '按地区浏览', alternates: { canonical: '/regions' } };
  const data = /^\d{6}$/.test(code) ? await getRegionPage(code, 1) : null;
  if (!data) notFound();
  return { title: `${data.region.name}医保问答` };
}

export default async function RegionPage({ params }: Props) {
  const { code } = await params;
  return code === indexSegment ? <RegionIndex /> : <RegionList code={code} page={1} />;
}
