import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '@/lib/errors';

// The real authorize() (lib/auth/session.ts) and permission table decide; only where it reads the
// session from is replaced: the Auth.js token, the session row and the security settings.
const signedIn = vi.hoisted(() => ({ user: null as null | { role: string; totpEnabled?: boolean }, requireTwoFactorFor: [] as string[] }));
vi.mock('@/lib/auth/auth', () => ({ auth: async () => (signedIn.user ? { uid: 'u1', sid: 's1' } : null) }));
vi.mock('@/lib/db/client', () => ({ db: {} }));
vi.mock('@/lib/auth/sessions', () => ({
  findSessionUser: async () => signedIn.user && { id: 'u1', email: 'a@baoda.cn', name: '测试', sessionId: 's1', totpEnabled: false, ...signedIn.user },
}));
vi.mock('@/lib/settings/security-settings', () => ({ getSecuritySettings: async () => ({ requireTwoFactorFor: signedIn.requireTwoFactorFor }) }));

const { defineAction, noInput } = await import('./define-action');

const userSchema = z.object({
  name: z.string().trim().min(1, '请填写姓名'),
  email: z.email('请输入有效的邮箱地址'),
  age: z.coerce.number().int().min(18, '须年满 18 岁'),
});

function form(values: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) for (const v of [value].flat()) data.append(name, v);
  return data;
}

beforeEach(() => {
  signedIn.user = { role: 'ADMIN' };
  signedIn.requireTwoFactorFor = [];
});

describe('defineAction', () => {
  it('runs with the actor and the parsed input, and says its message', async () => {
    const run = vi.fn(
      async ({ actor, input }: { actor: { id: string; role: string }; input: z.output<typeof userSchema> }) => `${actor.role}:${input.name}:${input.age}`,
    );
    const action = defineAction('user:manage', userSchema, run, { message: (said) => `已保存 ${said}` });
    expect(await action({ name: ' 张三 ', email: 'z@baoda.cn', age: '30' })).toEqual({ ok: true, data: 'ADMIN:张三:30', message: '已保存 ADMIN:张三:30' });
    expect(run.mock.calls[0][0].actor).toMatchObject({ id: 'u1', role: 'ADMIN', sessionId: 's1' });
  });

  it('refuses an input with several issues field by field, all at once, without running', async () => {
    const run = vi.fn(async () => 'never');
    const action = defineAction('user:manage', userSchema, run);
    // Called the way useActionState calls a form's action: the previous state, then the FormData.
    const result = await action(null, form({ name: '  ', email: 'not-an-address', age: '12' }));
    expect(result).toEqual({
      ok: false,
      code: 'INVALID',
      error: '请填写姓名；请输入有效的邮箱地址；须年满 18 岁',
      fieldErrors: { name: ['请填写姓名'], email: ['请输入有效的邮箱地址'], age: ['须年满 18 岁'] },
    });
    expect(run).not.toHaveBeenCalled();
  });

  it('gives a rule without a message of its own zod’s Chinese message', async () => {
    const action = defineAction('user:manage', z.object({ id: z.string().min(1) }), async () => undefined);
    const result = await action({ id: '' });
    expect(result).toMatchObject({ ok: false, code: 'INVALID', fieldErrors: { id: [expect.stringMatching(/[\u4e00-\u9fa5]/)] } });
  });

  it('reads a form with its own reader (repeated fields, JSON)', async () => {
    const schema = z.object({ tags: z.array(z.string()).min(1, '至少选一个'), items: z.array(z.object({ title: z.string().min(1, '推荐条目需要标题') })) });
    const action = defineAction('user:manage', schema, async ({ input }) => input, {
      form: (data) => ({ tags: data.getAll('tags'), items: JSON.parse(String(data.get('items'))) }),
    });
    expect(await action(null, form({ tags: ['a', 'b'], items: '[{"title":"x"}]' }))).toMatchObject({
      ok: true,
      data: { tags: ['a', 'b'], items: [{ title: 'x' }] },
    });
    expect(await action(null, form({ items: '[{"title":""}]' }))).toMatchObject({
      ok: false,
      fieldErrors: { tags: ['至少选一个'], items: ['推荐条目需要标题'] },
    });
  });

  it('refuses text holding NUL (PostgreSQL stores none), naming its fields, without running', async () => {
    const run = vi.fn(async () => 'never');
    const nul = '内容包含无效的控制字符（NUL），请删除后重试';
    const action = defineAction('user:manage', userSchema, run);
    expect(await action(null, form({ name: '张\u0000三', email: 'z@baoda.cn', age: '30' }))).toEqual({
      ok: false,
      code: 'INVALID',
      error: nul,
      fieldErrors: { name: [nul] },
    });
    // In a form's JSON field, and in an object called directly, however deep or self-referring.
    const items = defineAction('user:manage', z.unknown(), run, { form: (data) => ({ items: JSON.parse(String(data.get('items'))) }) });
    expect(await items(null, form({ items: '[{"title":"a\\u0000"}]' }))).toMatchObject({ ok: false, code: 'INVALID', fieldErrors: { items: [nul] } });
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 10_000; i++) deep = { deep };
    const cyclic: Record<string, unknown> = { title: '标题' };
    cyclic.self = cyclic;
    expect(await items({ a: deep, b: cyclic })).toMatchObject({ ok: false, fieldErrors: { a: [nul] } });
    expect(run).not.toHaveBeenCalled();
    // Files are left to the action.
    expect(await items(new FormData())).toMatchObject({ ok: true });
    const upload = defineAction('user:manage', z.unknown(), async () => 'ok', { form: (data) => ({ file: data.get('file') }) });
    const data = new FormData();
    data.set('file', new File(['\u0000binary'], 'a.zip'));
    expect(await upload(null, data)).toMatchObject({ ok: true });
  });

  it('refuses a role without the permission before looking at the input', async () => {
    signedIn.user = { role: 'EDITOR' };
    const run = vi.fn(async () => 'never');
    const action = defineAction('user:manage', userSchema, run);
    expect(await action(null, form({ name: '' }))).toEqual({ ok: false, code: 'FORBIDDEN', error: '没有权限执行此操作' });
    expect(await action({ name: '张三', email: 'z@baoda.cn', age: 30 })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(run).not.toHaveBeenCalled();
  });

  it('refuses someone signed out', async () => {
    signedIn.user = null;
    expect(await defineAction('admin:access', noInput, async () => 'never')()).toEqual({ ok: false, code: 'UNAUTHENTICATED', error: '请先登录' });
  });

  it('lets a user who must set up a second factor run the account actions only', async () => {
    signedIn.user = { role: 'EDITOR' };
    signedIn.requireTwoFactorFor = ['EDITOR'];
    expect(await defineAction('admin:access', noInput, async () => 'ran')()).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await defineAction({ permission: 'admin:access', beforeTwoFactor: true }, noInput, async () => 'ran')()).toMatchObject({ ok: true, data: 'ran' });
  });

  it('runs a public action for anyone, with no actor', async () => {
    signedIn.user = null;
    const action = defineAction('public', z.object({ token: z.string().min(1, '链接无效') }), async ({ actor, input }) => ({ actor, token: input.token }));
    expect(await action(null, form({ token: 'abc' }))).toEqual({ ok: true, data: { actor: null, token: 'abc' }, message: undefined });
    expect(await action(null, form({ token: '' }))).toMatchObject({ ok: false, code: 'INVALID', fieldErrors: { token: ['链接无效'] } });
  });

  it('passes an AppError through as its message and code', async () => {
    const action = defineAction('user:manage', noInput, async () => {
      throw new AppError('CONFLICT', '文章已被修改');
    });
    expect(await action()).toEqual({ ok: false, code: 'CONFLICT', error: '文章已被修改' });
  });

  it('turns a ZodError the operation throws into field errors too', async () => {
    const action = defineAction('user:manage', noInput, async () => userSchema.parse({ name: '张三', email: 'x', age: 30 }));
    expect(await action()).toMatchObject({ ok: false, code: 'INVALID', fieldErrors: { email: ['请输入有效的邮箱地址'] } });
  });

  it('rethrows an unexpected error (a bug, or Next’s redirect) instead of answering', async () => {
    const action = defineAction('user:manage', noInput, async () => {
      throw new TypeError('boom');
    });
    await expect(action()).rejects.toThrow('boom');
  });
});
