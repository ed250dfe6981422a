'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { defineAction } from '@/lib/actions/define-action';
import { db } from '@/lib/db/client';
import { createSavedView, deleteSavedView, savedViewInputSchema } from './saved-views';

export type SavedViewState = ActionResult<undefined> | null;

export const createSavedViewAction = defineAction(
  'article:read-draft',
  savedViewInputSchema,
  async ({ actor, input }) => {
    await createSavedView(db, actor, input);
    revalidatePath('/admin/articles');
    return undefined;
  },
  {
    form: (formData) => ({ name: formData.get('name') ?? '', query: formData.get('query') ?? '', shared: formData.get('shared') === 'on' }),
    message: '视图已保存',
  },
);

const stale = '请求无效，请刷新页面后重试';

export const deleteSavedViewAction = defineAction(
  'article:read-draft',
  z.object({ id: z.string({ error: stale }).min(1, stale).max(40, stale) }),
  async ({ actor, input }) => {
    await deleteSavedView(db, actor, input.id);
    revalidatePath('/admin/articles');
    return undefined;
  },
);
