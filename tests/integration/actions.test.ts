import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveArticleInput } from '@/lib/articles/schemas';
import { db } from '@/lib/db/client';
import { editInput, importSample, makeUser, resetDatabase } from './helpers';

// Server actions through defineAction, outside a request: who is signed in is what the test says,
// checked by the real permission table; Next's cache calls do nothing.
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; role: string } }));
vi.mock('@/lib/auth/session', async () => {
  const { roleHas } = await import('@/lib/auth/permissions');
  const { AppError } = await import('@/lib/errors');
  return {
    authorize: async (permission: Parameters<typeof roleHas>[1]) => {
      if (!signedIn.user) throw new AppError('UNAUTHENTICATED', '请先登录');
      if (!roleHas(signedIn.user.role as never, permission)) throw new AppError('FORBIDDEN', '没有权限执行此操作');
      return signedIn.user;
    },
  };
});
vi.mock('@/lib/auth/request-ip', () => ({ requestIp: async () => '203.0.113.9' }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, updateTag: () => undefined, revalidateTag: () => undefined }));

const { findLinkableArticlesAction, saveArticleAction } = await import('@/lib/articles/actions');
const { createUserAction } = await import('@/lib/users/actions');

beforeEach(async () => {
  await resetDatabase();
  signedIn.user = null;
});
afterAll(() => db.$disconnect());

/** The editor's form as the browser posts it: plain fields, structured parts as JSON. */
function editorForm(input: SaveArticleInput, changes: Record<string, string> = {}): FormData {
  const data = new FormData();
  const { body, regions, rejectedRegionCodes, recommendations, ...plain } = input;
  for (const [name, value] of Object.entries(plain)) data.set(name, String(value ?? ''));
  for (const [name, value] of Object.entries({ body, regions, rejectedRegionCodes, recommendations })) data.set(name, JSON.stringify(value ?? null));
  for (const [name, value] of Object.entries(changes)) data.set(name, value);
  return data;
}

describe("the editor's save", () => {
  it('saves the form with its JSON fields, and refuses a bad title and slug each beside its field, saving nothing', async () => {
    const editor = await makeUser('EDITOR');
    signedIn.user = editor;
    const { articleId, version } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    const input = await editInput(articleId);

    const refused = await saveArticleAction(null, editorForm(input, { title: '  ', slug: 'Not A Slug' }));
    expect(refused).toMatchObject({ ok: false, code: 'INVALID', fieldErrors: { title: ['请填写标题'], slug: ['链接名只能包含小写字母、数字和连字符'] } });
    expect(Object.keys((refused as { fieldErrors: object }).fieldErrors).sort()).toEqual(['slug', 'title']);
    expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).version).toBe(version);

    const saved = await saveArticleAction(null, editorForm(input, { title: '新的标题' }));
    expect(saved).toMatchObject({ ok: true, message: '已保存', data: { version: version + 1 } });
    expect(await db.article.findUniqueOrThrow({ where: { id: articleId } })).toMatchObject({ title: '新的标题', version: version + 1 });
  });

  it('says a broken JSON field is a stale form, and a reviewer may not save', async () => {
    const editor = await makeUser('EDITOR');
    signedIn.user = editor;
    const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    const input = await editInput(articleId);
    expect(await saveArticleAction(null, editorForm(input, { regions: '[{' }))).toEqual({
      ok: false,
      code: 'INVALID',
      error: '表单数据无效，请刷新页面后重试',
    });

    signedIn.user = await makeUser('REVIEWER');
    expect(await saveArticleAction(null, editorForm(input, { title: '' }))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('refuses a body nested 10,000 levels deep, or too large, with its own message, saving nothing', async () => {
    const editor = await makeUser('EDITOR');
    signedIn.user = editor;
    const { articleId, version } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    const input = await editInput(articleId);
    // Built as text: JSON.stringify of such a value overflows the stack, as walking it would.
    const deep = (levels: number) =>
      `{"type":"doc","content":[${'{"type":"blockquote","content":['.repeat(levels)}{"type":"paragraph"}${']}'.repeat(levels)}]}`;
    const deepAttrs = `{"type":"doc","content":[{"type":"paragraph","attrs":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}]}`;
    for (const body of [deep(20), deep(10_000), deepAttrs]) {
      expect(await saveArticleAction(null, editorForm(input, { body }))).toEqual({ ok: false, code: 'INVALID', error: '正文嵌套层级过深（最多 12 层）' });
    }
    const huge = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '医'.repeat(70_000) }] }] });
    expect(await saveArticleAction(null, editorForm(input, { body: huge }))).toEqual({ ok: false, code: 'INVALID', error: '正文过长（JSON 不能超过 200 KB）' });
    expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).version).toBe(version);
  });

  it('refuses NUL in a field or in the JSON of one, which PostgreSQL would refuse with a 500, beside the field', async () => {
    const editor = await makeUser('EDITOR');
    signedIn.user = editor;
    const { articleId, version } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    const input = await editInput(articleId);
    const nul = '内容包含无效的控制字符（NUL），请删除后重试';
    expect(await saveArticleAction(null, editorForm(input, { title: '标题\u0000' }))).toEqual({
      ok: false,
      code: 'INVALID',
      error: nul,
      fieldErrors: { title: [nul] },
    });
    const recommendations = JSON.stringify([{ title: '推荐\u0000', summary: '', category: '', itemDate: '', targetArticleId: null }]);
    expect(await saveArticleAction(null, editorForm(input, { recommendations }))).toMatchObject({ ok: false, fieldErrors: { recommendations: [nul] } });
    expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).version).toBe(version);
  });

  it('answers a bad article search with a result instead of throwing', async () => {
    signedIn.user = await makeUser('EDITOR');
    expect(await findLinkableArticlesAction({ text: '医保', excludeId: 'x'.repeat(41) })).toMatchObject({
      ok: false,
      code: 'INVALID',
      fieldErrors: { excludeId: [expect.any(String)] },
    });
    expect(await findLinkableArticlesAction({ text: '医保', excludeId: 'none' })).toEqual({ ok: true, data: [], message: undefined });
  });
});

describe('creating a user', () => {
  it('refuses a missing name and a bad e-mail at once, each for its field, and creates nobody', async () => {
    signedIn.user = await makeUser('ADMIN');
    const before = await db.user.count();
    const data = new FormData();
    for (const [name, value] of Object.entries({ name: ' ', email: 'not-an-address', role: 'EDITOR' })) data.set(name, value);
    expect(await createUserAction(null, data)).toEqual({
      ok: false,
      code: 'INVALID',
      error: '请输入有效的邮箱地址；请填写姓名',
      fieldErrors: { email: ['请输入有效的邮箱地址'], name: ['请填写姓名'] },
    });
    expect(await db.user.count()).toBe(before);
  });
});
