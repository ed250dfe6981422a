import type { Metadata } from 'next';
import { SearchResultsView } from '@/components/public/search-results';
import styles from '@/components/public/public.module.css';
import { SearchBox } from '@/components/public/search-box';
import { getSearchResults } from '@/lib/search/queries';
import { queryCutNotice, readQueryText } from '@/lib/search/query-text';

// Rendered per request (it reads the query string); the results themselves come from Next's
// cache (lib/search/queries.ts). Only live versions are searched. Said outright: otherwise the
// build tries to prerender /search, and a build has no database.
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const q = readQueryText((await searchParams).q).text;
  // Result pages stay out of search engines' indexes: anyone can make one say anything (a query
  // of spam text), and engines count indexed result pages as thin content. The search page
  // itself is indexed.
  if (!q) return { title: '搜索' };
  return { title: `搜索：${q.slice(0, 40)}`, robots: { index: false, follow: true } };
}

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const { text: q, cut } = readQueryText(params.q);
  const pageText = first(params.page);
  const page = /^\d{1,3}$/.test(pageText) ? Math.max(1, Number(pageText)) : 1;
  const results = await getSearchResults(q, page);
  return (
    <>
      <h1 className={styles.title}>搜索</h1>
      <SearchBox defaultValue={q} id="search-page-q" name="重新搜索" />
      {cut && <p className="muted">{queryCutNotice()}</p>}
      {results && <SearchResultsView q={q} results={results} />}
    </>
  );
}
