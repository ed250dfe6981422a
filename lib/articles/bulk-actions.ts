'use server';

import { revalidatePath } from 'next/cache';
import { toActionResult, type ActionResult } from '@/lib/action-result';
import { requestIp } from '@/lib/auth/request-ip';
import { authorize } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { bulkUpdateSchema, type BulkUpdateResult } from './bulk-schema';
import { bulkUpdateArticles } from './bulk-update';

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
