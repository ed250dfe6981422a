'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { toActionResult, type ActionResult } from '@/lib/action-result';
import { authorize } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { createSavedView, deleteSavedView, savedViewInputSchema } from './saved-views';

export type SavedViewState = ActionResult<undefined> | null;

export async function createSavedViewAction(_prev: SavedViewState, formData: FormData): Promise<SavedViewState> {
  return toActionResult(async () => {
    const actor = await authorize('article:read-draft');
    const input = savedViewInputSchema.safeParse({ name: formData.get('name') ?? '', query: formData.get('query') ?? '', shared: formData.get('shared') === 'on' });
    if (!input.success) throw new AppError('INVALID', input.error.issues.map((i) => i.message).join('；'));
    await createSavedView(db, actor, input.data);
    revalidatePath('/admin/articles');
    return undefined;
  }, '视图已保存');
}

export async function deleteSavedViewAction(formData: FormData): Promise<void> {
  const actor = await authorize('article:read-draft');
  const id = z.string().min(1).max(40).safeParse(formData.get('id'));
  if (!id.success) return;
  await deleteSavedView(db, actor, id.data);
  revalidatePath('/admin/articles');
}
