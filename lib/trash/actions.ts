'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { ActionResult } from '@/lib/action-result';
import { defineAction } from '@/lib/actions/define-action';
import { requestIp } from '@/lib/auth/request-ip';
import { expireInAction } from '@/lib/public-cache/expire';
import { deletePermanently } from './delete-permanently';
import { moveToTrash } from './move-to-trash';
import { restoreFromTrash } from './restore-from-trash';
import { moveToTrashSchema, trashEntrySchema } from './schemas';

// The trash's server actions: each authorizes, parses its form with zod and calls one operation,
// which checks the article's own rules (lib/workflow/policy.ts) inside its transaction.

export type TrashState = ActionResult<{ articleId: string; title: string }> | null;

export const moveToTrashAction = defineAction('article:delete-own-draft', moveToTrashSchema, async ({ actor, input }) => {
  const { publicTags } = await moveToTrash({ actor, ...input, ip: await requestIp() });
  expireInAction(publicTags);
  revalidatePath(`/admin/articles/${input.articleId}`, 'layout');
  revalidatePath('/admin/trash');
  redirect(`/admin/trash?moved=${encodeURIComponent(input.articleId)}`);
});

export const restoreFromTrashAction = defineAction(
  'article:delete-own-draft',
  trashEntrySchema,
  async ({ actor, input: { articleId } }) => {
    const { title } = await restoreFromTrash({ actor, articleId, ip: await requestIp() });
    revalidatePath('/admin/trash');
    return { articleId, title };
  },
  { message: '已恢复为草稿' },
);

export const deletePermanentlyAction = defineAction(
  'article:delete-permanently',
  trashEntrySchema,
  async ({ actor, input: { articleId } }) => {
    const { title } = await deletePermanently({ actor, articleId, ip: await requestIp() });
    revalidatePath('/admin/trash');
    return { articleId, title };
  },
  { message: '已永久删除' },
);
