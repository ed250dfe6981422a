import type { Tx } from '@/lib/db/client';
import { toIsoDate } from '@/lib/dates';

export type RevisionRegion = { code: string; origin: 'AUTO' | 'MANUAL'; confidence: number };
export type RevisionRecommendation = {
  title: string;
  summary: string;
  category: string;
  itemDate: string | null;
  targetArticleId: string | null;
};

/** Snapshots the article as it now stands in the transaction (fields, regions, recommendation list). */
export async function writeRevision(tx: Tx, articleId: string, authorId: string | null, note = '') {
  const article = await tx.article.findUniqueOrThrow({
    where: { id: articleId },
    include: {
      regions: { orderBy: { regionCode: 'asc' } },
      recommendations: { orderBy: { position: 'asc' } },
    },
  });
  const regions: RevisionRegion[] = article.regions.map((r) => ({ code: r.regionCode, origin: r.origin, confidence: r.confidence }));
  const recommendations: RevisionRecommendation[] = article.recommendations.map((item) => ({
    title: item.title,
    summary: item.summary,
    category: item.category,
    itemDate: item.itemDate ? toIsoDate(item.itemDate) : null,
    targetArticleId: item.targetArticleId,
  }));
  return tx.revision.create({
    data: {
      articleId,
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
    },
  });
}
