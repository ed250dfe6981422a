import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { failureResult, invalidResult } from './action-result';
import { AppError } from './errors';

describe('failureResult', () => {
  it('shows an expected failure with its code', () => {
    expect(failureResult(new AppError('CONFLICT', '文章已被修改'))).toEqual({ ok: false, error: '文章已被修改', code: 'CONFLICT' });
  });

  it('shows every message of a form zod refused, and each field its own', () => {
    const schema = z.object({ name: z.string().min(1, '请填写姓名'), email: z.string().email('请输入有效的邮箱地址') });
    const refused = schema.safeParse({ name: '', email: 'x' });
    expect(failureResult(refused.error)).toEqual({
      ok: false,
      code: 'INVALID',
      error: '请填写姓名；请输入有效的邮箱地址',
      fieldErrors: { name: ['请填写姓名'], email: ['请输入有效的邮箱地址'] },
    });
  });

  it('rethrows anything else: a bug is not a message for the user', () => {
    expect(() => failureResult(new TypeError('boom'))).toThrow('boom');
  });
});

describe('invalidResult', () => {
  it('files a nested issue under its top-level field, a rule without a path in the summary only, and says a repeated message once', () => {
    const schema = z
      .object({ items: z.array(z.object({ title: z.string().min(1, '推荐条目需要标题') })), a: z.string(), b: z.string() })
      .refine((v) => v.a === v.b, '两次输入不一致');
    const refused = schema.safeParse({ items: [{ title: '' }, { title: '' }], a: 'x', b: 'y' });
    expect(invalidResult(refused.error!)).toEqual({
      ok: false,
      code: 'INVALID',
      error: '推荐条目需要标题；两次输入不一致',
      fieldErrors: { items: ['推荐条目需要标题', '推荐条目需要标题'] },
    });
  });
});
