import type { CurrentUser } from '@/lib/auth/session-types';
import { saveArticle } from '@/lib/articles/save-article';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { getVersion, restoreNote } from './queries';

/**
 * Brings an older version back as the working copy: a new version with that version's fields,
 * regions and recommendation list, saved like an edit (the same permission, the same version
 * check against `expectedVersion`, the same status rules). History is never rewritten, and the
 * live page does not change until the restored version is approved and published.
 */
export async function restoreVersion(actor: CurrentUser, articleId: string, version: number, expectedVersion: number, ip?: string | null) {
  const old = await getVersion(articleId, version);
  if (!old) throw new AppError('NOT_FOUND', `版本 ${version} 不存在`);
  // A recommendation may point at an article deleted since: it comes back as an unlinked item.
  const targetIds = old.recommendations.map((r) => r.targetArticleId).filter((id): id is string => !!id);
  const existing = new Set((await db.article.findMany({ where: { id: { in: targetIds } }, select: { id: true } })).map((a) => a.id));
  return saveArticle(
    actor,
    {
      id: articleId,
      version: expectedVersion,
      title: old.title,
      slug: old.slug,
      summary: old.summary,
      disclaimer: old.disclaimer,
      contentDate: old.contentDate ?? '',
      body: old.body,
      regions: old.regions.map((r) => ({ code: r.code, origin: r.origin })),
      rejectedRegionCodes: [],
      recommendations: old.recommendations.map((r) => ({
        title: r.title,
        summary: r.summary,
        category: r.category,
        itemDate: r.itemDate ?? '',
        targetArticleId: r.targetArticleId && existing.has(r.targetArticleId) ? r.targetArticleId : null,
      })),
    },
    ip,
    { note: restoreNote(version) },
  );
}
