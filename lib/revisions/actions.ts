'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { defineAction } from '@/lib/actions/define-action';
import { requestIp } from '@/lib/auth/request-ip';
import { restoreVersion } from './restore';

const restoreSchema = z.object({
  articleId: z.string().min(1).max(40),
  version: z.coerce.number().int().min(1),
  expectedVersion: z.coerce.number().int().min(1),
});

export type RestoreState = ActionResult<{ version: number }> | null;

export const restoreVersionAction = defineAction(
  'article:edit',
  restoreSchema,
  async ({ actor, input }) => {
    const { version } = await restoreVersion(actor, input.articleId, input.version, input.expectedVersion, await requestIp());
    revalidatePath(`/admin/articles/${input.articleId}`);
    return { version };
  },
  { message: '已恢复为新的工作版本' },
);
