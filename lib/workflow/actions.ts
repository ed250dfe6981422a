'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { toActionResult, type ActionResult } from '@/lib/action-result';
import { requestIp } from '@/lib/auth/request-ip';
import { authorize } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { expireInAction } from '@/lib/public-cache/expire';
import { publishArticle, reviewArticle, submitForReview, unpublishArticle } from './workflow';

const targetSchema = z.object({ articleId: z.string().min(1).max(40), version: z.coerce.number().int().positive() });

function parseTarget(formData: FormData) {
  const parsed = targetSchema.safeParse({ articleId: formData.get('articleId'), version: formData.get('version') });
  if (!parsed.success) throw new AppError('INVALID', '请求无效，请刷新页面后重试');
  return parsed.data;
}

export type WorkflowState = ActionResult<unknown> | null;

export async function submitAction(_prev: WorkflowState, formData: FormData): Promise<WorkflowState> {
  return toActionResult(async () => {
    const actor = await authorize('article:submit');
    const target = parseTarget(formData);
    await submitForReview({ actor, ...target, ip: await requestIp() });
    revalidatePath(`/admin/articles/${target.articleId}`);
  }, '已提交审核');
}

export async function reviewAction(_prev: WorkflowState, formData: FormData): Promise<WorkflowState> {
  return toActionResult(async () => {
    const actor = await authorize('article:review');
    const target = parseTarget(formData);
    const decision = z.enum(['APPROVED', 'CHANGES_REQUESTED']).parse(formData.get('decision'));
    const comment = z.string().max(2000, '意见不超过 2000 字').parse(formData.get('comment') ?? '');
    await reviewArticle({ actor, ...target, decision, comment, ip: await requestIp() });
    revalidatePath(`/admin/articles/${target.articleId}`, 'layout');
    revalidatePath('/admin/review');
  }, '审核意见已提交');
}

export async function publishAction(_prev: WorkflowState, formData: FormData): Promise<WorkflowState> {
  return toActionResult(async () => {
    const actor = await authorize('article:publish');
    const target = parseTarget(formData);
    const { publicTags } = await publishArticle({ actor, ...target, ip: await requestIp() });
    expireInAction(publicTags);
    revalidatePath(`/admin/articles/${target.articleId}`);
  }, '已发布');
}

export async function unpublishAction(_prev: WorkflowState, formData: FormData): Promise<WorkflowState> {
  return toActionResult(async () => {
    const actor = await authorize('article:publish');
    const target = parseTarget(formData);
    const { publicTags } = await unpublishArticle({ actor, ...target, ip: await requestIp() });
    expireInAction(publicTags);
    revalidatePath(`/admin/articles/${target.articleId}`);
  }, '已下线');
}
