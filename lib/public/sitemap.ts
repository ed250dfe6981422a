import 'server-only';
import { countLiveArticles, readSitemapArticles, readSitemapListEntries } from './read-seo';
import { sitemapFileCount, sitemapFileSize, type SitemapEntry } from './seo-files';

// The sitemap is an index of files of at most `size` URLs: the list pages first, then every live
// article. The size is a parameter so that tests can split a small site.

export async function readSitemapIndex(size: number = sitemapFileSize): Promise<{ fileCount: number; lastmod: Date | null }> {
  const [lists, articles] = await Promise.all([readSitemapListEntries(), countLiveArticles()]);
  return { fileCount: sitemapFileCount(lists.length + articles, size), lastmod: lists[0]?.lastmod ?? null };
}

/** File `n` (1-based), or null past the last one. */
export async function readSitemapFile(n: number, size: number = sitemapFileSize): Promise<SitemapEntry[] | null> {
  const [lists, articles] = await Promise.all([readSitemapListEntries(), countLiveArticles()]);
  if (n < 1 || n > sitemapFileCount(lists.length + articles, size)) return null;
  const start = (n - 1) * size;
  const end = start + size;
  const fromLists = lists.slice(start, end);
  const articleStart = Math.max(0, start - lists.length);
  return [...fromLists, ...(await readSitemapArticles(articleStart, end - lists.length - articleStart))];
}
