import 'server-only';
import { cache } from 'react';
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
