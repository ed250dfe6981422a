'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { requestIp } from '@/lib/auth/request-ip';
import { db } from '@/lib/db/client';
import { publicTags } from '@/lib/public-cache/cache-tags';
import { expireInAction } from '@/lib/public-cache/expire';
import { deleteSynonymGroup, saveSynonymGroup, synonymGroupInputSchema } from './synonyms';

/** Adds a group (no id) or replaces an existing group's terms. */
export const saveSynonymGroupAction = defineAction(
  'settings:manage',
  synonymGroupInputSchema,
  async ({ actor, input }) => {
    await saveSynonymGroup(db, actor, input, await requestIp());
    expireInAction([publicTags.search]);
    revalidatePath('/admin/settings/synonyms');
  },
  {
    form: (formData) => {
      const id = formData.get('id');
      return { id: typeof id === 'string' && id ? id : undefined, terms: formData.get('terms') ?? '' };
    },
    message: '同义词组已保存',
  },
);

export const deleteSynonymGroupAction = defineAction(
  'settings:manage',
  z.object({ id: z.string().min(1).max(40) }),
  async ({ actor, input }) => {
    await deleteSynonymGroup(db, actor, input.id, await requestIp());
    expireInAction([publicTags.search]);
    revalidatePath('/admin/settings/synonyms');
  },
  { message: '同义词组已删除' },
);
