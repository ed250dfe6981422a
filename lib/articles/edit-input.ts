import type { Db } from '@/lib/db/client';
import { toIsoDate } from '@/lib/dates';
import type { SaveArticleInput } from './schemas';

/**
 * The editor form's input for an article's working copy as it stands, with `changes` on top: what
 * scripts and tests pass to saveArticle to edit an article the way the editor does.
 */
export async function editInput(db: Db, articleId: string, changes: Partial<SaveArticleInput> = {}): Promise<SaveArticleInput> {
  const a = await db.article.findUniqueOrThrow({
    where: { id: articleId },
    include: { regions: { orderBy: { regionCode: 'asc' } }, recommendations: { orderBy: { position: 'asc' } } },
  });
  return {
    id: a.id,
    version: a.version,
    title: a.title,
    slug: a.slug,
    summary: a.summary,
    disclaimer: a.disclaimer,
    contentDate: a.contentDate ? toIsoDate(a.contentDate) : '',
    body: a.body,
    regions: a.regions.map((r) => ({ code: r.regionCode, origin: r.origin })),
    recommendations: a.recommendations.map((r) => ({
      title: r.title,
      summary: r.summary,
      category: r.category,
      itemDate: r.itemDate ? toIsoDate(r.itemDate) : '',
      targetArticleId: r.targetArticleId,
    })),
    ...changes,
  };
}
