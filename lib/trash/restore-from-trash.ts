import { recordAudit } from '@/lib/audit/record-audit';
import type { CurrentUser } from '@/lib/auth/session-types';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { canRestoreArticle } from '@/lib/workflow/policy';

/**
 * Takes an article out of the trash as a draft: whatever it was approved for must be reviewed
 * again. Nothing public changes (a live article was unpublished on its way into the trash); its
 * old addresses keep answering 410 until it is published again.
 */
export async function restoreFromTrash(input: { actor: CurrentUser; articleId: string; ip?: string | null }): Promise<{ title: string }> {
  return db.$transaction(async (tx) => {
    const article = await tx.article.findFirst({
      where: { id: input.articleId, deletedAt: { not: null } },
      select: { id: true, title: true, status: true, createdById: true, deletedById: true, deletedAt: true },
    });
    if (!article?.deletedAt) throw new AppError('NOT_FOUND', '回收站中没有这篇文章（可能已被恢复或永久删除）');
    if (!canRestoreArticle(input.actor, article)) throw new AppError('FORBIDDEN', '只能恢复自己移到回收站的文章');
    // Conditional on the trash entry the rules were checked on: a concurrent restore or purge wins.
    const { count } = await tx.article.updateMany({
      where: { id: article.id, deletedAt: article.deletedAt },
      data: { deletedAt: null, deletedById: null, status: 'DRAFT' },
    });
    if (count !== 1) throw new AppError('CONFLICT', '回收站已变化，请刷新页面后重试');
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: 'article.restore',
      entityType: 'Article',
      entityId: article.id,
      summary: { title: article.title, from: article.status, to: 'DRAFT', trashedAt: article.deletedAt.toISOString() },
      ip: input.ip,
    });
    return { title: article.title };
  });
}
