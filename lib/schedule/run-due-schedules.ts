import { recordAudit } from '@/lib/audit/record-audit';
import { roleHas } from '@/lib/auth/permissions';
import type { CurrentUser } from '@/lib/auth/session-types';
import type { Db, Tx } from '@/lib/db/client';
import { AppError, isAppError } from '@/lib/errors';
import type { ArticleStatus, ScheduledAction } from '@/lib/generated/prisma/enums';
import { noSchedule, publishInTransaction, unpublishInTransaction } from '@/lib/workflow/workflow';
import { scheduleProblem } from './schedule-state';

const batchSize = 50;

export type ScheduleRunResult = { published: number; unpublished: number; failed: number };

type DueArticle = {
  id: string;
  status: ArticleStatus;
  version: number;
  publishedRevisionId: string | null;
  deletedAt: Date | null;
  scheduledAction: ScheduledAction;
  scheduledAt: Date;
  scheduledVersion: number | null;
  scheduledById: string | null;
};

/**
 * Runs every schedule due by `now` (the database's clock unless given), oldest first: the job
 * queue calls it when a schedule's wake-up falls due, every minute as a safety net, and once at
 * start-up, which is how schedules missed while no server ran are carried out. Each article in its
 * own transaction; safe to run in several places at once (rows are taken with SKIP LOCKED).
 */
export async function runDueSchedules(db: Db, now?: Date): Promise<ScheduleRunResult> {
  const at = now ?? (await databaseNow(db));
  const result: ScheduleRunResult = { published: 0, unpublished: 0, failed: 0 };
  for (;;) {
    const due = await db.article.findMany({
      where: { scheduledAction: { not: null }, scheduledAt: { lte: at } },
      orderBy: [{ scheduledAt: 'asc' }, { id: 'asc' }],
      take: batchSize,
      select: { id: true },
    });
    let handled = 0;
    for (const { id } of due) {
      const outcome = await runSchedule(db, id, at);
      if (outcome !== 'skipped') handled += 1;
      if (outcome !== 'skipped') result[outcome] += 1;
    }
    if (due.length < batchSize || handled === 0) return result;
  }
}

async function databaseNow(db: Db): Promise<Date> {
  const [{ now }] = await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  return now;
}

/**
 * One article's due schedule, through the workflow's own publish or unpublish in the name of the
 * person who scheduled it (their rights as they are now). A schedule that can no longer do what it
 * says (edited since, no longer approved, its author's rights gone, a slug taken …) is cleared
 * with an `article.schedule-fail` audit row saying why; nothing else changes.
 */
async function runSchedule(db: Db, articleId: string, now: Date): Promise<'published' | 'unpublished' | 'failed' | 'skipped'> {
  let taken: DueArticle | undefined;
  try {
    return await db.$transaction(async (tx) => {
      [taken] = await tx.$queryRaw<DueArticle[]>`
        SELECT id, status::text AS status, version, "publishedRevisionId", "deletedAt",
               "scheduledAction"::text AS "scheduledAction", "scheduledAt", "scheduledVersion", "scheduledById"
        FROM "Article"
        WHERE id = ${articleId} AND "scheduledAction" IS NOT NULL AND "scheduledAt" <= ${now}
        FOR UPDATE SKIP LOCKED`;
      const due = taken;
      if (!due) return 'skipped' as const;
      if (due.deletedAt) throw new AppError('NOT_FOUND', '文章已在回收站中');
      const problem = scheduleProblem({ ...due, isLive: due.publishedRevisionId !== null });
      if (problem) throw new AppError('CONFLICT', problem);
      const actor = await scheduler(tx, due.scheduledById);
      if (due.scheduledAction === 'PUBLISH') {
        await publishInTransaction(tx, { actor, articleId, version: due.version, scheduled: true });
        return 'published' as const;
      }
      await unpublishInTransaction(tx, { actor, articleId, version: due.version, scheduled: true });
      return 'unpublished' as const;
    });
  } catch (error) {
    // Anything else (the database went away) is thrown: the job is retried and finds it due still.
    if (!isAppError(error) || !taken) throw error;
    await recordFailure(db, taken, error.message);
    return 'failed';
  }
}

async function scheduler(tx: Tx, userId: string | null): Promise<CurrentUser> {
  const user = userId ? await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, role: true, active: true } }) : null;
  if (!user || !user.active || !roleHas(user.role, 'article:publish')) {
    throw new AppError('FORBIDDEN', '安排定时的用户已停用或不再有发布权限');
  }
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

async function recordFailure(db: Db, due: DueArticle, reason: string): Promise<void> {
  await db.$transaction(async (tx) => {
    // Only the schedule that failed: one changed meanwhile (rescheduled, cancelled) is not touched.
    const { count } = await tx.article.updateMany({
      where: { id: due.id, scheduledAction: due.scheduledAction, scheduledAt: due.scheduledAt },
      data: noSchedule,
    });
    if (count !== 1) return;
    await recordAudit(tx, {
      actorId: null,
      action: 'article.schedule-fail',
      entityType: 'Article',
      entityId: due.id,
      summary: { action: due.scheduledAction, runAt: due.scheduledAt.toISOString(), version: due.scheduledVersion, scheduledById: due.scheduledById, reason },
    });
  });
}
