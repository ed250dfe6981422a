'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { defineAction } from '@/lib/actions/define-action';
import { requestIp } from '@/lib/auth/request-ip';
import { AppError } from '@/lib/errors';
import { createArticle } from './create-article';
import { loadMergeBase } from './merge';
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

// The editor's form: plain fields as inputs, structured parts as JSON in hidden inputs.
function readArticleForm(formData: FormData) {
  return {
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
    autosave: formData.get('autosave') ?? undefined,
  };
}

// `autosave`: 1 for the editor's own saves; `close` for a manual save with nothing typed since.
const saveFormSchema = saveArticleSchema.and(z.object({ autosave: z.enum(['1', 'close']).optional() }));

export const saveArticleAction = defineAction(
  'article:edit',
  saveFormSchema,
  async ({ actor, input: { autosave, ...input } }) => {
    const result = await saveArticle(actor, input, await requestIp(), { autosave: autosave === '1', closeAutosave: autosave === 'close' });
    // What the page shows around the form (status, the workflow panel's version) follows every
    // save, autosaves included; the form keeps its own state.
    revalidatePath(`/admin/articles/${input.id}`);
    return { ...result, savedAt: new Date().toISOString() };
  },
  { form: readArticleForm, message: '已保存' },
);

const articleIdSchema = z.string().min(1).max(40);

/** The newer version a save met, and how the editor's content differs from it (lib/articles/merge.ts). */
export const mergeBaseAction = defineAction('article:edit', z.object({ articleId: articleIdSchema, mine: articleFieldsSchema }), async ({ actor, input }) =>
  loadMergeBase(actor, input.articleId, input.mine),
);

export type CreateArticleState = ActionResult<undefined> | null;

export const createArticleAction = defineAction(
  'article:create',
  z.object({ title: z.string({ error: '请填写标题' }).trim().min(1, '请填写标题').max(200, '标题不超过 200 字') }),
  async ({ actor, input }) => {
    const { id } = await createArticle(actor, input.title, await requestIp());
    redirect(`/admin/articles/${id}`);
  },
);

/** Candidates for linking a recommendation item to an internal article. */
export const findLinkableArticlesAction = defineAction(
  'article:edit',
  z.object({ text: z.string().trim().min(1, '请输入要搜索的文字').max(100, '搜索文字不超过 100 字'), excludeId: z.string().max(40) }),
  async ({ input }) => findLinkableArticles(input.text, input.excludeId),
);
