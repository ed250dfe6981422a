import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas, type Permission } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { AppError, isAppError } from '@/lib/errors';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { cancelSchedule } from '@/lib/schedule/cancel-schedule';
import { scheduleArticle } from '@/lib/schedule/schedule-article';
import { moveToTrash } from '@/lib/trash/move-to-trash';
import { canDeleteArticle, canPublishArticle, canScheduleArticle, canUnpublishArticle } from '@/lib/workflow/policy';
import { publishArticle, submitForReview, unpublishArticle } from '@/lib/workflow/workflow';
import type { BulkRowResult, BulkSkipReason, BulkWorkflowInput, BulkWorkflowKind, BulkWorkflowOperation, BulkWorkflowResult } from './bulk-schema';

/** The permission each bulk step asks for up front (the same as its single action's). */
export const bulkWorkflowPermission: Record<BulkWorkflowKind, Permission> = {
  submit: 'article:submit',
  publish: 'article:publish',
  unpublish: 'article:publish',
  schedule: 'article:publish',
  cancelSchedule: 'article:publish',
  trash: 'article:delete-own-draft',
};

type Row = {
  id: string;
  title: string;
  status: ArticleStatus;
  version: number;
  createdById: string | null;
  publishedRevisionId: string | null;
  scheduledAction: string | null;
};

/** Why the single action would refuse this row, by the same rules (lib/workflow/policy.ts), or null. */
function refusal(actor: CurrentUser, row: Row, operation: BulkWorkflowOperation): BulkSkipReason | null {
  switch (operation.kind) {
    case 'submit':
      return row.status === 'DRAFT' || row.status === 'CHANGES_REQUESTED' ? null : 'notSubmittable';
    case 'publish':
      return canPublishArticle(actor, row) ? null : 'notApproved';
    case 'unpublish':
      return canUnpublishArticle(actor, row) ? null : 'notLive';
    case 'schedule':
      return canScheduleArticle(actor, row, operation.action) ? null : operation.action === 'PUBLISH' ? 'notApproved' : 'notLive';
    case 'cancelSchedule':
      return row.scheduledAction ? null : 'notScheduled';
    case 'trash':
      return canDeleteArticle(actor, row) ? null : 'forbidden';
  }
}

/** One row through the single action's own operation, in its own transaction; its public tags. */
async function runOne(
  actor: CurrentUser,
  target: { articleId: string; version: number; ip?: string | null },
  operation: BulkWorkflowOperation,
): Promise<string[]> {
  const input = { actor, ...target };
  switch (operation.kind) {
    case 'submit':
      await submitForReview(input);
      return [];
    case 'publish':
      return (await publishArticle(input)).publicTags;
    case 'unpublish':
      return (await unpublishArticle(input)).publicTags;
    case 'schedule':
      await scheduleArticle({ ...input, action: operation.action, runAt: operation.runAt });
      return [];
    case 'cancelSchedule':
      await cancelSchedule(input);
      return [];
    case 'trash':
      return (await moveToTrash(input)).publicTags;
  }
}

/**
 * A workflow step for the selected rows, each as the person saw it (its version): rows the single
 * action would refuse are skipped with the reason, the others go through that action's own
 * operation, one transaction per row, so one row's failure (a slug taken, a change meanwhile)
 * leaves the others done and no lock is held longer than one row's change. The rules are checked
 * again inside each operation. Returns every row's outcome in the order asked, and the public
 * cache tags the changes expire.
 */
export async function bulkWorkflow(actor: CurrentUser, input: BulkWorkflowInput, ip?: string | null): Promise<BulkWorkflowResult & { publicTags: string[] }> {
  const { operation } = input;
  if (!roleHas(actor.role, bulkWorkflowPermission[operation.kind])) throw new AppError('FORBIDDEN', '没有权限执行此操作');
  if (operation.kind === 'schedule' && operation.runAt.getTime() <= Date.now()) throw new AppError('INVALID', '定时须晚于现在');
  const requested = [...new Map(input.rows.map((r) => [r.articleId, r])).values()];
  const found = await db.article.findMany({
    where: { id: { in: requested.map((r) => r.articleId) }, deletedAt: null },
    select: { id: true, title: true, status: true, version: true, createdById: true, publishedRevisionId: true, scheduledAction: true },
  });
  const byId = new Map(found.map((row) => [row.id, row]));

  const rows: BulkRowResult[] = [];
  const publicTags = new Set<string>();
  for (const target of requested) {
    const row = byId.get(target.articleId);
    if (!row) {
      rows.push({ articleId: target.articleId, title: null, outcome: 'notFound' });
      continue;
    }
    const skip = row.version !== target.version ? 'changed' : refusal(actor, row, operation);
    if (skip) {
      rows.push({ articleId: row.id, title: row.title, outcome: skip });
      continue;
    }
    try {
      for (const tag of await runOne(actor, { ...target, ip }, operation)) publicTags.add(tag);
      rows.push({ articleId: row.id, title: row.title, outcome: 'done' });
    } catch (error) {
      if (!isAppError(error)) throw error;
      // The operation's own message says what (a slug taken by another live page, a change meanwhile …).
      const outcome: BulkSkipReason = error.code === 'FORBIDDEN' ? 'forbidden' : error.code === 'NOT_FOUND' ? 'notFound' : 'failed';
      rows.push({ articleId: row.id, title: row.title, outcome, message: error.message });
    }
  }
  return { kind: operation.kind, rows, publicTags: [...publicTags] };
}
