import type { Metadata } from 'next';
import { MonthIndex, MonthList } from '@/components/public/list-pages';
import { indexSegment } from '@/lib/public/public-routes';

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
  return month === indexSegment ? { title: '按月份浏览', alternates: { canonical: '/months' } } : { title: `${month} 医保问答` };
}

export default async function MonthPage({ params }: Props) {
  const { month } = await params;
  return month === indexSegment ? <MonthIndex /> : <MonthList month={month} page={1} />;
}
