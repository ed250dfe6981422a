'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { toActionResult, type ActionResult } from '@/lib/action-result';
import { requestIp } from '@/lib/auth/request-ip';
import { authorize } from '@/lib/auth/session';
import { expireInAction } from '@/lib/public-cache/expire';
import { deletePermanently } from './delete-permanently';
import { moveToTrash } from './move-to-trash';
import { restoreFromTrash } from './restore-from-trash';
import { moveToTrashSchema, trashEntrySchema } from './schemas';

// The trash's server actions: each authorizes, parses its form with zod and calls one operation,
// which checks the article's own rules (lib/workflow/policy.ts) inside its transaction.

export type TrashState = ActionResult<{ articleId: string; title: string }> | null;

export async function moveToTrashAction(_prev: TrashState, formData: FormData): Promise<TrashState> {
  const result = await toActionResult(async () => {
    const actor = await authorize('article:delete-own-draft');
    const target = moveToTrashSchema.parse(Object.fromEntries(formData));
    const { title, publicTags } = await moveToTrash({ actor, ...target, ip: await requestIp() });
    expireInAction(publicTags);
    revalidatePath(`/admin/articles/${target.articleId}`, 'layout');
    revalidatePath('/admin/trash');
    return { articleId: target.articleId, title };
  });
  if (!result.ok) return result;
  redirect(`/admin/trash?moved=${encodeURIComponent(result.data.articleId)}`);
}

export async function restoreFromTrashAction(_prev: TrashState, formData: FormData): Promise<TrashState> {
  return toActionResult(async () => {
    const actor = await authorize('article:delete-own-draft');
    const { articleId } = trashEntrySchema.parse(Object.fromEntries(formData));
    const { title } = await restoreFromTrash({ actor, articleId, ip: await requestIp() });
    revalidatePath('/admin/trash');
    return { articleId, title };
  }, '已恢复为草稿');
}

export async function deletePermanentlyAction(_prev: TrashState, formData: FormData): Promise<TrashState> {
  return toActionResult(async () => {
    const actor = await authorize('article:delete-permanently');
    const { articleId } = trashEntrySchema.parse(Object.fromEntries(formData));
    const { title } = await deletePermanently({ actor, articleId, ip: await requestIp() });
    revalidatePath('/admin/trash');
    return { articleId, title };
  }, '已永久删除');
}
