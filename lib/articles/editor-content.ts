import { toIsoDate } from '@/lib/dates';
import { regionPath } from '@/lib/regions/region-path';
import type { ArticleForEdit } from './queries';

// An article's working copy as the editor form holds it: the editor page loads it, and a merge
// on conflict (./merge.ts) shows the newer version the same way.

/** A linked article's title, marked when it is in the trash (the link stays, the public page shows a plain card). */
export const linkedTitle = (target: { title: string; deletedAt: Date | null }) => (target.deletedAt ? `${target.title}（在回收站中）` : target.title);

export function editorContentOf(article: ArticleForEdit) {
  return {
    fields: {
      title: article.title,
      slug: article.slug,
      summary: article.summary,
      disclaimer: article.disclaimer,
      contentDate: article.contentDate ? toIsoDate(article.contentDate) : '',
    },
    body: article.body,
    regions: article.regions.map((r) => ({
      code: r.regionCode,
      name: r.region.name,
      path: regionPath(r.regionCode),
      origin: r.origin,
      confidence: r.confidence,
    })),
    items: article.recommendations.map((item) => ({
      key: `saved-${item.position}`,
      title: item.title,
      summary: item.summary,
      category: item.category,
      itemDate: item.itemDate ? toIsoDate(item.itemDate) : '',
      targetArticleId: item.targetArticleId,
      targetTitle: item.targetArticle ? linkedTitle(item.targetArticle) : null,
    })),
  };
}
