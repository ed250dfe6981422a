import 'server-only';
import { unstable_cache } from 'next/cache';
import { publicCacheTag } from './cache-tags';
import {
  readLatestArticles,
  readMonthPage,
  readMonthsWithCounts,
  readProvincesWithCounts,
  readPublishedArticle,
  readRegionPage,
} from './read-published';

// The public reads of ./read-published.ts, cached in Next's data cache under one tag that
// publish and unpublish expire. unstable_cache only runs inside Next (it needs the
// incremental cache), so tests exercise the uncached functions directly.

export { publicPageSize, type PublicListItem, type PublishedArticle } from './read-published';

const options = { tags: [publicCacheTag] };

export const getLatestArticles = unstable_cache(readLatestArticles, ['public-latest'], options);
export const getPublishedArticle = unstable_cache(readPublishedArticle, ['public-article'], options);
export const getRegionPage = unstable_cache(readRegionPage, ['public-region'], options);
export const getProvincesWithCounts = unstable_cache(readProvincesWithCounts, ['public-provinces'], options);
export const getMonthPage = unstable_cache(readMonthPage, ['public-month'], options);
export const getMonthsWithCounts = unstable_cache(readMonthsWithCounts, ['public-months'], options);
