import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toActionResult } from './action-result';
import { AppError } from './errors';

describe('toActionResult', () => {
  it('returns the value and the message on success', async () => {
    expect(await toActionResult(async () => 42, '已保存')).toEqual({ ok: true, data: 42, message: '已保存' });
  });

  it('shows an expected failure with its code', async () => {
    expect(await toActionResult(async () => { throw new AppError('CONFLICT', '文章已被修改'); })).toEqual({ ok: false, error: '文章已被修改', code: 'CONFLICT' });
  });

  it('shows every message of a form zod refused', async () => {
    const schema = z.object({ name: z.string().min(1, '请填写姓名'), email: z.string().email('请输入有效的邮箱地址') });
    expect(await toActionResult(async () => schema.parse({ name: '', email: 'x' }))).toEqual({ ok: false, error: '请填写姓名；请输入有效的邮箱地址', code: 'INVALID', fieldErrors: { name: ['请填写姓名'], email: ['请输入有效的邮箱地址'] } });
  });

  it('rethrows anything else: a bug is not a message for the user', async () => {
    await expect(toActionResult(async () => { throw new TypeError('boom'); })).rejects.toThrow('boom');
  });
});
