import 'server-only';
import { cache } from 'react';
import { db } from '@/lib/db/client';
import { getSiteSettings } from '@/lib/settings/site-settings';
import { publicTags } from '@/lib/public-cache/cache-tags';
import { tagPage } from '@/lib/public-cache/page-tags';
import {
  readLatestArticles,
  readMonthPage,
  readMonthsWithCounts,
  readProvincesWithCounts,
  readPublishedArticle,
  readRegionPage,
  readSlugRedirect,
  type PublishedArticle,
} from './read-published';
import { readFeedItems } from './read-seo';
import { readSitemapFile, readSitemapIndex } from './sitemap';

// The public pages' reads. The pages are cached whole (ISR); each read here tags the page that
// makes it with what it shows (lib/public-cache/cache-tags.ts), so that a change expires exactly
// the pages that show it.

export { publicPageSize, type PublicListItem, type PublishedArticle } from './read-published';

export type ArticleAddress = { article: PublishedArticle } | { movedTo: string } | null;

/** The live article at /a/<slug>, or the slug it moved to, or null (once per render: metadata and page share it). */
export const getArticleAddress = cache(async (slug: string): Promise<ArticleAddress> => {
  const article = await readPublishedArticle(slug);
  if (article) {
    const { ids, titles } = article.linkTargets;
    await tagPage([publicTags.slug(slug), publicTags.article(article.id), ...ids.map(publicTags.linksTo), ...titles.map(publicTags.linksToTitle)]);
    return { article };
  }
  const moved = await readSlugRedirect(slug);
  await tagPage([publicTags.slug(slug), ...(moved ? [publicTags.article(moved.articleId)] : [])]);
  return moved ? { movedTo: moved.slug } : null;
});

/** The site settings every public page shows (footer, metadata): once per render, tagged so a change expires every page. */
export const getPublicSiteSettings = cache(async () => {
  await tagPage([publicTags.site]);
  return getSiteSettings(db);
});

/** The sitemap index, and file `n` of it (null past the last). */
export async function getSitemapIndex() {
  await tagPage([publicTags.sitemap]);
  return readSitemapIndex();
}

export async function getSitemapFile(n: number) {
  await tagPage([publicTags.sitemap]);
  return readSitemapFile(n);
}

/** The feed's articles; its channel shows the site's name and tagline. */
export async function getFeedItems() {
  await tagPage([publicTags.feed, publicTags.site]);
  return readFeedItems(50);
}

export async function getLatestArticles(page: number) {
  await tagPage([publicTags.home]);
  return readLatestArticles(page);
}

export const getRegionPage = cache(async (code: string, page: number) => {
  await tagPage([publicTags.region(code)]);
  return readRegionPage(code, page);
});

export async function getProvincesWithCounts() {
  await tagPage([publicTags.regionIndex]);
  return readProvincesWithCounts();
}

export async function getMonthPage(month: string, page: number) {
  await tagPage([publicTags.month(month)]);
  return readMonthPage(month, page);
}

export async function getMonthsWithCounts() {
  await tagPage([publicTags.monthIndex]);
  return readMonthsWithCounts();
}
