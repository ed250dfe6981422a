'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { toActionResult, type ActionResult } from '@/lib/action-result';
import { requestIp } from '@/lib/auth/request-ip';
import { authorize } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { publicTags } from '@/lib/public-cache/cache-tags';
import { expireInAction } from '@/lib/public-cache/expire';
import { deleteSynonymGroup, saveSynonymGroup, synonymGroupInputSchema } from './synonyms';

const idSchema = z.string().min(1).max(40);

/** Adds a group (no id) or replaces an existing group's terms. */
export async function saveSynonymGroupAction(_prev: ActionResult<unknown> | null, formData: FormData): Promise<ActionResult<unknown> | null> {
  return toActionResult(async () => {
    const actor = await authorize('settings:manage');
    const id = formData.get('id');
    const input = synonymGroupInputSchema.parse({ id: typeof id === 'string' && id ? id : undefined, terms: formData.get('terms') ?? '' });
    await saveSynonymGroup(db, actor, input, await requestIp());
    expireInAction([publicTags.search]);
    revalidatePath('/admin/settings/synonyms');
  }, '同义词组已保存');
}

export async function deleteSynonymGroupAction(_prev: ActionResult<unknown> | null, formData: FormData): Promise<ActionResult<unknown> | null> {
  return toActionResult(async () => {
    const actor = await authorize('settings:manage');
    const id = idSchema.parse(formData.get('id'));
    await deleteSynonymGroup(db, actor, id, await requestIp());
    expireInAction([publicTags.search]);
    revalidatePath('/admin/settings/synonyms');
  }, '同义词组已删除');
}
