import type { Tx } from '@/lib/db/client';
import { toIsoDate } from '@/lib/dates';
import type { RevisionRecommendation, RevisionRegion } from './write-revision';

/**
 * writeRevision for many articles at once: the same snapshot (fields, regions, recommendation
 * list) in four queries whatever the number of articles. tests/integration/bulk-update.test.ts
 * checks that both writers produce the same revision.
 */
export async function writeRevisions(tx: Tx, articleIds: string[], authorId: string | null, note = ''): Promise<number> {
  if (articleIds.length === 0) return 0;
  const articles = await tx.article.findMany({
    where: { id: { in: articleIds } },
    include: {
      regions: { orderBy: { regionCode: 'asc' } },
      recommendations: { orderBy: { position: 'asc' } },
    },
  });
  const { count } = await tx.revision.createMany({
    data: articles.map((article) => {
      const regions: RevisionRegion[] = article.regions.map((r) => ({ code: r.regionCode, origin: r.origin, confidence: r.confidence }));
      const recommendations: RevisionRecommendation[] = article.recommendations.map((item) => ({
        title: item.title,
        summary: item.summary,
        category: item.category,
        itemDate: item.itemDate ? toIsoDate(item.itemDate) : null,
        targetArticleId: item.targetArticleId,
      }));
      return {
        articleId: article.id,
        articleVersion: article.version,
        title: article.title,
        slug: article.slug,
        summary: article.summary,
        body: article.body ?? {},
        plainText: article.plainText,
        disclaimer: article.disclaimer,
        category: article.category,
        contentDate: article.contentDate,
        regions,
        recommendations,
        authorId,
        note,
      };
    }),
  });
  return count;
}
