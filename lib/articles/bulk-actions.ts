'use server';

import { revalidatePath } from 'next/cache';
import { toActionResult, type ActionResult } from '@/lib/action-result';
import { requestIp } from '@/lib/auth/request-ip';
import { authorize } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { expireInAction } from '@/lib/public-cache/expire';
import { wakeSchedulerAt } from '@/lib/schedule/wake';
import { bulkUpdateSchema, bulkWorkflowSchema, type BulkUpdateResult, type BulkWorkflowResult } from './bulk-schema';
import { bulkUpdateArticles } from './bulk-update';
import { bulkWorkflow } from './bulk-workflow';

/** The article table's bulk toolbar: one change (add/remove a region, set the content date) for the selected rows. */
export async function bulkUpdateArticlesAction(input: unknown): Promise<ActionResult<BulkUpdateResult>> {
  return toActionResult(async () => {
    const actor = await authorize('article:edit');
    const parsed = bulkUpdateSchema.safeParse(input);
    if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? '请求无效');
    const result = await bulkUpdateArticles(actor, parsed.data, await requestIp());
    // The table, the dashboard and the edited articles' pages all read what changed.
    revalidatePath('/admin', 'layout');
    return result;
  });
}

/**
 * The toolbar's workflow steps (submit, publish, unpublish, schedule, cancel a schedule, trash) for
 * the selected rows, in one request: the step's permission first, then every row by the single
 * action's rules (lib/articles/bulk-workflow.ts). Returns each row's outcome.
 */
export async function bulkWorkflowAction(input: unknown): Promise<ActionResult<BulkWorkflowResult>> {
  return toActionResult(async () => {
    // Signed in first; the step's own permission is checked by bulkWorkflow once it is known.
    const actor = await authorize('admin:access');
    const parsed = bulkWorkflowSchema.safeParse(input);
    if (!parsed.success) throw new AppError('INVALID', parsed.error.issues.map((i) => i.message).join('；') || '请求无效');
    const { publicTags, ...result } = await bulkWorkflow(actor, parsed.data, await requestIp());
    expireInAction(publicTags);
    const { operation } = parsed.data;
    if (operation.kind === 'schedule' && result.rows.some((r) => r.outcome === 'done')) await wakeSchedulerAt(operation.runAt);
    revalidatePath('/admin', 'layout');
    return result;
  });
}
