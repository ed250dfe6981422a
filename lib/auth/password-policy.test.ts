import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { passwordMessages, passwordProblem, refinePasswordPolicy } from './password-policy';

const email = 'zhangsan@example.com';

describe('passwordProblem', () => {
  it('wants at least 12 characters, counted as characters rather than UTF-16 units', () => {
    expect(passwordProblem('', email)).toBe(passwordMessages.tooShort);
    expect(passwordProblem('Tq8#vLm2$wZp'.slice(0, 11), email)).toBe(passwordMessages.tooShort);
    expect(passwordProblem('Tq8#vLm2$wZp', email)).toBeNull();
    // Eleven emoji are 22 UTF-16 units but only 11 characters.
    expect(passwordProblem('🐼'.repeat(11), email)).toBe(passwordMessages.tooShort);
    expect(passwordProblem('🐼'.repeat(12), email)).toBeNull();
    expect(passwordProblem('医保报销比例怎么算才划算呢', email)).toBeNull();
  });

  it('allows at most 200 characters', () => {
    expect(passwordProblem('k7'.repeat(100), email)).toBeNull();
    expect(passwordProblem(`${'k7'.repeat(100)}x`, email)).toBe(passwordMessages.tooLong);
  });

  it('refuses passwords of the common list whatever their case', () => {
    for (const password of ['password1234', 'PASSWORD1234', 'Password1234', 'qwertyuiop123', '1q2w3e4r5t6y', '1Q2W3E4R5T6Y', '123456789012']) {
      expect(passwordProblem(password, email), password).toBe(passwordMessages.tooCommon);
    }
  });

  it('refuses a password containing the e-mail address or its local part, ignoring case', () => {
    expect(passwordProblem('my-zhangsan@example.com!', email)).toBe(passwordMessages.containsEmail);
    expect(passwordProblem('ZhangSan-2024-spring', email)).toBe(passwordMessages.containsEmail);
    expect(passwordProblem('spring-ZHANGSAN', email)).toBe(passwordMessages.containsEmail);
    expect(passwordProblem('spring-zhangsan', '  ZhangSan@Example.com ')).toBe(passwordMessages.containsEmail);
  });

  it('ignores a local part shorter than 4 characters, but not the whole address', () => {
    expect(passwordProblem('lily-and-the-river', 'li@example.com')).toBeNull();
    expect(passwordProblem('xli@example.com-river', 'li@example.com')).toBe(passwordMessages.containsEmail);
    expect(passwordProblem('wang-and-the-river', 'wang@example.com')).toBe(passwordMessages.containsEmail);
  });

  it('accepts good passphrases', () => {
    for (const password of ['correct horse battery staple', '居民医保一年一交-2025', 'Tq8#vLm2$wZp!x', 'blue-kettle-on-the-hill']) {
      expect(passwordProblem(password, email), password).toBeNull();
    }
  });
});

describe('refinePasswordPolicy', () => {
  const schema = z.object({ email: z.string().trim().toLowerCase().email('请输入有效的邮箱地址'), password: z.string() }).superRefine(refinePasswordPolicy);

  it('reports the problem on the password field', () => {
    const result = schema.safeParse({ email: 'ZhangSan@example.com', password: 'zhangsan-likes-tea' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['password'], message: passwordMessages.containsEmail })]);
  });

  it('passes a good password and shows both messages when the e-mail is malformed too', () => {
    expect(schema.safeParse({ email: email, password: 'blue-kettle-on-the-hill' }).success).toBe(true);
    const both = schema.safeParse({ email: 'not-an-email', password: 'short' });
    expect(both.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['email', '请输入有效的邮箱地址'],
      ['password', passwordMessages.tooShort],
    ]);
  });
});
