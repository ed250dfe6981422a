'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { defineAction } from '@/lib/actions/define-action';
import { requestIp } from '@/lib/auth/request-ip';
import { expireInAction } from '@/lib/public-cache/expire';
import { publishArticle, reviewArticle, submitForReview, unpublishArticle } from './workflow';

// The panel posts these as hidden fields: a refusal means the page is out of date.
const stale = '请求无效，请刷新页面后重试';
const targetSchema = z.object({
  articleId: z.string({ error: stale }).min(1, stale).max(40, stale),
  version: z.coerce.number({ error: stale }).int(stale).positive(stale),
});

const reviewSchema = targetSchema.extend({
  decision: z.enum(['APPROVED', 'CHANGES_REQUESTED'], { error: '请选择审核结论' }),
  comment: z.string().max(2000, '意见不超过 2000 字').default(''),
});

export type WorkflowState = ActionResult<unknown> | null;

export const submitAction = defineAction(
  'article:submit',
  targetSchema,
  async ({ actor, input }) => {
    await submitForReview({ actor, ...input, ip: await requestIp() });
    revalidatePath(`/admin/articles/${input.articleId}`);
  },
  { message: '已提交审核' },
);

export const reviewAction = defineAction(
  'article:review',
  reviewSchema,
  async ({ actor, input }) => {
    await reviewArticle({ actor, ...input, ip: await requestIp() });
    revalidatePath(`/admin/articles/${input.articleId}`, 'layout');
    revalidatePath('/admin/review');
  },
  { message: '审核意见已提交' },
);

export const publishAction = defineAction(
  'article:publish',
  targetSchema,
  async ({ actor, input }) => {
    const { publicTags } = await publishArticle({ actor, ...input, ip: await requestIp() });
    expireInAction(publicTags);
    revalidatePath(`/admin/articles/${input.articleId}`);
  },
  { message: '已发布' },
);

export const unpublishAction = defineAction(
  'article:publish',
  targetSchema,
  async ({ actor, input }) => {
    const { publicTags } = await unpublishArticle({ actor, ...input, ip: await requestIp() });
    expireInAction(publicTags);
    revalidatePath(`/admin/articles/${input.articleId}`);
  },
  { message: '已下线' },
);
