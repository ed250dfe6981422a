import { RegionList, pageParam } from '@/components/public/list-pages';

// Rendered on its first request, then served from the cache until a change to what it shows
// expires its tags (lib/public-cache).
export const revalidate = false;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

export default async function RegionListPage({ params }: { params: Promise<{ code: string; page: string }> }) {
  const { code, page } = await params;
  return <RegionList code={code} page={pageParam(page)} />;
}
