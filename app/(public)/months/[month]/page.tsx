import type { Metadata } from 'next';
import { MonthIndex, MonthList } from '@/components/public/list-pages';
import { getPublicSiteSettings } from '@/lib/public/queries';
import { indexSegment } from '@/lib/public/public-routes';
import { pageMetadata } from '@/lib/public/site-metadata';

// Rendered on its first request, then served from the cache until a change to what it shows
// expires its tags (lib/public-cache).
export const revalidate = false;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ month: string }> };

// /months itself is served from here (lib/public/public-routes.ts).
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { month } = await params;
  const settings = await getPublicSiteSettings();
  return month === indexSegment
    ? pageMetadata(settings, { path: '/months', title: '按月份浏览', description: '按内容月份浏览医保问答。' })
    : pageMetadata(settings, { path: `/months/${month}`, title: `${month} 医保问答` });
}

export default async function MonthPage({ params }: Props) {
  const { month } = await params;
  return month === indexSegment ? <MonthIndex /> : <MonthList month={month} page={1} />;
}
