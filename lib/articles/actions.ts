'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { toActionResult, type ActionResult } from '@/lib/action-result';
import { requestIp } from '@/lib/auth/request-ip';
import { authorize } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { createArticle } from './create-article';
import { loadMergeBase, type MergeBase } from './merge';
import { findLinkableArticles } from './queries';
import { saveArticle } from './save-article';
import { articleFieldsSchema, saveArticleSchema } from './schemas';

function jsonField(formData: FormData, name: string): unknown {
  try {
    return JSON.parse(String(formData.get(name) ?? 'null'));
  } catch {
    throw new AppError('INVALID', '表单数据无效，请刷新页面后重试');
  }
}

export type SaveArticleState = ActionResult<{ version: number; status: string; slug: string; savedAt: string }> | null;

export async function saveArticleAction(_prev: SaveArticleState, formData: FormData): Promise<SaveArticleState> {
  return toActionResult(async () => {
    const actor = await authorize('article:edit');
    const parsed = saveArticleSchema.safeParse({
      id: formData.get('id'),
      version: formData.get('version'),
      title: formData.get('title'),
      slug: formData.get('slug'),
      summary: formData.get('summary') ?? '',
      disclaimer: formData.get('disclaimer') ?? '',
      contentDate: formData.get('contentDate') ?? '',
      body: jsonField(formData, 'body'),
      regions: jsonField(formData, 'regions'),
      rejectedRegionCodes: jsonField(formData, 'rejectedRegionCodes') ?? [],
      recommendations: jsonField(formData, 'recommendations'),
    });
    if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? '表单数据无效');
    // `autosave`: 1 for the editor's own saves; `close` for a manual save with nothing typed since.
    const autosave = formData.get('autosave') === '1';
    const closeAutosave = formData.get('autosave') === 'close';
    const result = await saveArticle(actor, parsed.data, await requestIp(), { autosave, closeAutosave });
    // What the page shows around the form (status, the workflow panel's version) follows every
    // save, autosaves included; the form keeps its own state.
    revalidatePath(`/admin/articles/${parsed.data.id}`);
    return { ...result, savedAt: new Date().toISOString() };
  }, '已保存');
}

/** The newer version a save met, and how the editor's content differs from it (lib/articles/merge.ts). */
export async function mergeBaseAction(articleId: string, mine: unknown): Promise<ActionResult<MergeBase>> {
  return toActionResult(async () => {
    const actor = await authorize('article:edit');
    const id = z.string().min(1).max(40).safeParse(articleId);
    const content = articleFieldsSchema.safeParse(mine);
    if (!id.success || !content.success) throw new AppError('INVALID', content.error?.issues[0]?.message ?? '请求无效');
    return loadMergeBase(actor, id.data, content.data);
  });
}

export type CreateArticleState = ActionResult<undefined> | null;

export async function createArticleAction(_prev: CreateArticleState, formData: FormData): Promise<CreateArticleState> {
  const result = await toActionResult(async () => {
    const actor = await authorize('article:create');
    const title = z.string().trim().min(1, '请填写标题').max(200, '标题不超过 200 字').safeParse(formData.get('title'));
    if (!title.success) throw new AppError('INVALID', title.error.issues[0].message);
    return createArticle(actor, title.data, await requestIp());
  });
  if (!result.ok) return result;
  redirect(`/admin/articles/${result.data.id}`);
}

/** Candidates for linking a recommendation item to an internal article. */
export async function findLinkableArticlesAction(text: string, excludeId: string) {
  await authorize('article:edit');
  const q = z.string().trim().min(1).max(100).safeParse(text);
  if (!q.success) return [];
  return findLinkableArticles(q.data, z.string().max(40).parse(excludeId));
}
