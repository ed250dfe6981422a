'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { toActionResult, type ActionResult } from '@/lib/action-result';
import { requestIp } from '@/lib/auth/request-ip';
import { authorize } from '@/lib/auth/session';
import { restoreVersion } from './restore';

const restoreSchema = z.object({
  articleId: z.string().min(1).max(40),
  version: z.coerce.number().int().min(1),
  expectedVersion: z.coerce.number().int().min(1),
});

export type RestoreState = ActionResult<{ version: number }> | null;

export async function restoreVersionAction(_prev: RestoreState, formData: FormData): Promise<RestoreState> {
  return toActionResult(async () => {
    const actor = await authorize('article:edit');
    const input = restoreSchema.parse(Object.fromEntries(formData));
    const { version } = await restoreVersion(actor, input.articleId, input.version, input.expectedVersion, await requestIp());
    revalidatePath(`/admin/articles/${input.articleId}`);
    return { version };
  }, '已恢复为新的工作版本');
}
