'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { requestIp } from '@/lib/auth/request-ip';
import { expireInAction } from '@/lib/public-cache/expire';
import { wakeSchedulerAt } from '@/lib/schedule/wake';
import { bulkUpdateSchema, bulkWorkflowSchema, type BulkUpdateResult, type BulkWorkflowResult } from './bulk-schema';
import { bulkUpdateArticles } from './bulk-update';
import { bulkWorkflow } from './bulk-workflow';

/** The article table's bulk toolbar: one change (add/remove a region, set the content date) for the selected rows. */
export const bulkUpdateArticlesAction = defineAction('article:edit', bulkUpdateSchema, async ({ actor, input }): Promise<BulkUpdateResult> => {
  const result = await bulkUpdateArticles(actor, input, await requestIp());
  // The table, the dashboard and the edited articles' pages all read what changed.
  revalidatePath('/admin', 'layout');
  return result;
});

/**
 * The toolbar's workflow steps (submit, publish, unpublish, schedule, cancel a schedule, trash) for
 * the selected rows, in one request: the step's permission first, then every row by the single
 * action's rules (lib/articles/bulk-workflow.ts). Returns each row's outcome.
 */
// Signed in first; the step's own permission is checked by bulkWorkflow once it is known.
export const bulkWorkflowAction = defineAction('admin:access', bulkWorkflowSchema, async ({ actor, input }): Promise<BulkWorkflowResult> => {
  const { publicTags, ...result } = await bulkWorkflow(actor, input, await requestIp());
  expireInAction(publicTags);
  const { operation } = input;
  if (operation.kind === 'schedule' && result.rows.some((r) => r.outcome === 'done')) await wakeSchedulerAt(operation.runAt);
  revalidatePath('/admin', 'layout');
  return result;
});
