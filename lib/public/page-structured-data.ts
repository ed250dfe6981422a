import { siteOrigin } from '@/lib/config/site-origin';
import { regionChain } from '@/lib/regions/region-path';
import type { SiteSettings } from '@/lib/settings/site-settings';
import type { PublishedArticle } from './read-published';
import { absoluteUrl, shareImageUrl } from './site-metadata';
import { breadcrumbList, qaPage, type Crumb } from './structured-data';

// The JSON-LD blocks of the public pages, from what they show (./structured-data.ts builds them).

/** 首页 › 地区 › province › city › county: the region path of a region page, or of an article's first region. */
export function regionCrumbs(code: string, siteName: string, origin: string = siteOrigin()): Crumb[] {
  return [
    { name: siteName, url: absoluteUrl('/', origin) },
    { name: '地区', url: absoluteUrl('/regions', origin) },
    ...regionChain(code).map((row) => ({ name: row.name, url: absoluteUrl(`/regions/${row.code}`, origin) })),
  ];
}

/** When the live page last changed: its live version's time, or its first publication if later. */
export function lastChanged(article: Pick<PublishedArticle, 'publishedAt' | 'updatedAt'>): string {
  return article.publishedAt && article.publishedAt > article.updatedAt ? article.publishedAt : article.updatedAt;
}

export function articleStructuredData(article: PublishedArticle, settings: SiteSettings, origin: string = siteOrigin()): unknown[] {
  const url = absoluteUrl(`/a/${article.slug}`, origin);
  const blocks: unknown[] = [
    qaPage({
      url,
      title: article.title,
      summary: article.summary,
      answerText: article.plainText,
      publishedAt: article.publishedAt,
      updatedAt: lastChanged(article),
      siteName: settings.siteName,
      siteUrl: absoluteUrl('/', origin),
      image: shareImageUrl(settings, origin),
    }),
  ];
  const region = article.regions[0];
  if (region) blocks.push(breadcrumbList([...regionCrumbs(region.code, settings.siteName, origin), { name: article.title, url }]));
  return blocks;
}
