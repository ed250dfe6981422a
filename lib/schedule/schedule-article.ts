import { recordAudit } from '@/lib/audit/record-audit';
import { roleHas } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { ArticleStatus, ScheduledAction } from '@/lib/generated/prisma/enums';
import { canScheduleArticle } from '@/lib/workflow/policy';
import type { TransitionInput } from '@/lib/workflow/workflow';
import { SCHEDULE_MAX_DAYS } from './schemas';

export type ScheduleInput = TransitionInput & { action: ScheduledAction; runAt: Date; now?: Date };

const dayMs = 24 * 60 * 60 * 1000;

type Locked = {
  id: string;
  status: ArticleStatus;
  version: number;
  publishedRevisionId: string | null;
  scheduledAction: ScheduledAction | null;
  scheduledAt: Date | null;
};

/**
 * Schedules a publish of the approved version the person saw (`version`), or the take-down of the
 * live page, at `runAt`. An article has one pending schedule: a new one replaces it (audited as a
 * reschedule, with what it replaced). The rules are the action's own, checked now on the locked
 * row and again when it runs (./run-due-schedules.ts). The caller wakes the queue for `runAt`.
 */
export async function scheduleArticle(input: ScheduleInput): Promise<{ runAt: Date; rescheduled: boolean }> {
  const now = input.now ?? new Date();
  if (!roleHas(input.actor.role, 'article:publish')) throw new AppError('FORBIDDEN', '没有权限执行此操作');
  if (input.runAt.getTime() <= now.getTime()) throw new AppError('INVALID', '定时须晚于现在');
  if (input.runAt.getTime() > now.getTime() + SCHEDULE_MAX_DAYS * dayMs) throw new AppError('INVALID', `最多提前 ${SCHEDULE_MAX_DAYS} 天安排`);

  return db.$transaction(async (tx) => {
    // Locked, so a concurrent publish, edit or run sees this schedule or none, never half of it.
    const [article] = await tx.$queryRaw<Locked[]>`
      SELECT id, status::text AS status, version, "publishedRevisionId", "scheduledAction"::text AS "scheduledAction", "scheduledAt"
      FROM "Article" WHERE id = ${input.articleId} AND "deletedAt" IS NULL FOR UPDATE`;
    if (!article) throw new AppError('NOT_FOUND', '文章不存在或已删除');
    if (article.version !== input.version) throw new AppError('CONFLICT', '文章已被修改，请刷新页面后重试');
    if (!canScheduleArticle(input.actor, article, input.action)) {
      throw new AppError('INVALID', input.action === 'PUBLISH' ? '只有已批准的版本才能定时发布' : '文章不在线上，不能定时下线');
    }
    await tx.article.update({
      where: { id: article.id },
      data: {
        scheduledAt: input.runAt,
        scheduledAction: input.action,
        scheduledVersion: input.action === 'PUBLISH' ? input.version : null,
        scheduledById: input.actor.id,
      },
    });
    const previous = article.scheduledAction && article.scheduledAt ? { action: article.scheduledAction, runAt: article.scheduledAt.toISOString() } : null;
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: previous ? 'article.reschedule' : 'article.schedule',
      entityType: 'Article',
      entityId: article.id,
      summary: { action: input.action, runAt: input.runAt.toISOString(), version: input.version, ...(previous ? { previous } : {}) },
      ip: input.ip,
    });
    return { runAt: input.runAt, rescheduled: previous !== null };
  });
}
