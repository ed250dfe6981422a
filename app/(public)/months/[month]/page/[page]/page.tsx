import { MonthList, pageParam } from '@/components/public/list-pages';

// Rendered on its first request, then served from the cache until a change to what it shows
// expires its tags (lib/public-cache).
export const revalidate = false;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

export default async function MonthListPage({ params }: { params: Promise<{ month: string; page: string }> }) {
  const { month, page } = await params;
  return <MonthList month={month} page={pageParam(page)} />;
}
