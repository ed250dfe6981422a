import 'server-only';
import { unstable_cache } from 'next/cache';
import { db } from '@/lib/db/client';
import { publicTags } from '@/lib/public-cache/cache-tags';
import { parseQuery, queryTerms } from './parse-query';
import { searchPublished, type SearchResults } from './search-published';
import { listSynonymGroups, readSynonymIndex } from './synonyms';

// The public search page's read. Results are kept in Next's cache (in memory, or Redis with
// REDIS_URL) per normalised query and page, under the tag `public:search`, which every change to
// what is live (tagsForChange) and every synonym change expires, through the change feed.

export const MAX_SEARCH_PAGE = 50;

/** The query as the cache knows it: normalised terms joined by one space ('' for nothing to search). */
export function searchKey(raw: string): string {
  return queryTerms(raw).join(' ');
}

const cachedSearch = unstable_cache(
  async (key: string, page: number): Promise<SearchResults> => {
    const parsed = parseQuery(key, await readSynonymIndex(db));
    if (!parsed) return { total: 0, totalIsEstimate: false, page, pageCount: 0, hits: [] };
    return searchPublished(db, parsed, page);
  },
  ['public-search'],
  { tags: [publicTags.search] },
);

export async function getSearchResults(raw: string, page: number): Promise<SearchResults | null> {
  const key = searchKey(raw);
  if (!key) return null;
  return cachedSearch(key, Math.min(Math.max(1, page), MAX_SEARCH_PAGE));
}

/** The synonym groups as the settings page lists them (/admin/settings/synonyms). */
export function readSynonymGroups() {
  return listSynonymGroups(db);
}
