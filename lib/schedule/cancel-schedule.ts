import { recordAudit } from '@/lib/audit/record-audit';
import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { noSchedule } from '@/lib/workflow/workflow';

/**
 * Cancels an article's pending schedule (whoever may publish may cancel anyone's). Conditional on
 * the schedule read, so a schedule that ran or changed meanwhile is reported, not cleared.
 */
export async function cancelSchedule(input: { actor: CurrentUser; articleId: string; ip?: string | null }): Promise<void> {
  if (!roleHas(input.actor.role, 'article:publish')) throw new AppError('FORBIDDEN', '没有权限执行此操作');
  await db.$transaction(async (tx) => {
    const article = await tx.article.findFirst({
      where: { id: input.articleId, deletedAt: null },
      select: { scheduledAction: true, scheduledAt: true, scheduledVersion: true },
    });
    if (!article) throw new AppError('NOT_FOUND', '文章不存在或已删除');
    if (!article.scheduledAction || !article.scheduledAt) throw new AppError('INVALID', '没有待执行的定时安排');
    const { count } = await tx.article.updateMany({
      where: { id: input.articleId, scheduledAction: article.scheduledAction, scheduledAt: article.scheduledAt },
      data: noSchedule,
    });
    if (count !== 1) throw new AppError('CONFLICT', '定时安排已变化，请刷新页面后重试');
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: 'article.unschedule',
      entityType: 'Article',
      entityId: input.articleId,
      summary: { action: article.scheduledAction, runAt: article.scheduledAt.toISOString(), version: article.scheduledVersion },
      ip: input.ip,
    });
  });
}
