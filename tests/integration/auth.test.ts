import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { authenticate } from '@/lib/auth/authenticate';
import { maxFailuresPerAccount, maxFailuresPerAddress } from '@/lib/auth/throttle';
import { db } from '@/lib/db/client';
import { createUser } from '@/lib/users/create-user';
import { makeUser, resetDatabase } from './helpers';

const ip = '203.0.113.7';

async function failTimes(n: number, email: string, from: string | null = ip) {
  for (let i = 0; i < n; i += 1) {
    const result = await authenticate(db, { email, password: 'wrong-password-123' }, from);
    expect(result).toEqual({ ok: false, reason: 'invalid' });
  }
}

beforeEach(resetDatabase);
afterAll(() => db.$disconnect());

describe('authenticate', () => {
  it('accepts the right password and returns the user without secrets', async () => {
    const user = await makeUser('EDITOR');
    const result = await authenticate(db, { email: user.email, password: user.password }, ip);
    expect(result).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: 1 } });
  });

  it('treats the e-mail case-insensitively', async () => {
    const user = await makeUser('EDITOR');
    const result = await authenticate(db, { email: user.email.toUpperCase(), password: user.password }, ip);
    expect(result.ok).toBe(true);
  });

  it('rejects a wrong password as invalid', async () => {
    const user = await makeUser('EDITOR');
    expect(await authenticate(db, { email: user.email, password: 'not-the-password' }, ip)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects an unknown e-mail as invalid, like a wrong password', async () => {
    await makeUser('EDITOR');
    expect(await authenticate(db, { email: 'nobody@test.local', password: 'correct-horse-battery' }, ip)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects malformed input as invalid', async () => {
    expect(await authenticate(db, { email: 'not-an-email', password: 'x' }, ip)).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate(db, null, ip)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects an inactive user even with the right password', async () => {
    const user = await makeUser('ADMIN');
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await authenticate(db, { email: user.email, password: user.password }, ip)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('throttles an account after 10 failures, even with the right password and from another address', async () => {
    expect(maxFailuresPerAccount).toBe(10);
    const user = await makeUser('EDITOR');
    await failTimes(9, user.email, '198.51.100.1');
    // Nine failures: the right password still works (then clears the counter, so start over).
    expect((await authenticate(db, { email: user.email, password: user.password }, ip)).ok).toBe(true);
    for (let i = 0; i < 10; i += 1) await failTimes(1, user.email, `198.51.100.${i + 1}`);
    expect(await authenticate(db, { email: user.email, password: user.password }, '192.0.2.1')).toEqual({ ok: false, reason: 'throttled' });
    // Another account is not affected.
    const other = await makeUser('EDITOR');
    expect((await authenticate(db, { email: other.email, password: other.password }, '192.0.2.1')).ok).toBe(true);
  });

  it('clears the account failures after a successful sign-in', async () => {
    const user = await makeUser('EDITOR');
    await failTimes(9, user.email);
    expect((await authenticate(db, { email: user.email, password: user.password }, ip)).ok).toBe(true);
    expect(await db.signInFailure.count({ where: { key: `account:${user.email}` } })).toBe(0);
    // Without the reset, 9 + 9 failures would be over the limit.
    await failTimes(9, user.email);
    expect((await authenticate(db, { email: user.email, password: user.password }, ip)).ok).toBe(true);
  });

  it('throttles an address after 50 failures spread over many accounts', async () => {
    expect(maxFailuresPerAddress).toBe(50);
    const user = await makeUser('REVIEWER');
    for (let i = 0; i < maxFailuresPerAddress - 1; i += 1) await failTimes(1, `probe${i}@test.local`);
    // 49 failures from the address: still allowed.
    expect((await authenticate(db, { email: user.email, password: user.password }, ip)).ok).toBe(true);
    await failTimes(1, 'probe-last@test.local');
    expect(await authenticate(db, { email: user.email, password: user.password }, ip)).toEqual({ ok: false, reason: 'throttled' });
    // The same account from another address is fine: the limit is the address's.
    expect((await authenticate(db, { email: user.email, password: user.password }, '192.0.2.99')).ok).toBe(true);
  });

  it('ignores failures older than the throttle window', async () => {
    const user = await makeUser('EDITOR');
    await failTimes(10, user.email);
    expect((await authenticate(db, { email: user.email, password: user.password }, ip)).ok).toBe(false);
    await db.signInFailure.updateMany({ data: { createdAt: new Date(Date.now() - 16 * 60 * 1000) } });
    expect((await authenticate(db, { email: user.email, password: user.password }, ip)).ok).toBe(true);
  });
});

describe('password hash', () => {
  it('is never returned by default queries', async () => {
    const user = await makeUser('ADMIN');
    expect(user).not.toHaveProperty('passwordHash');
    const found = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(found).not.toHaveProperty('passwordHash');
    const [listed] = await db.user.findMany();
    expect(listed).not.toHaveProperty('passwordHash');
    const withArticles = await db.user.findFirstOrThrow({ include: { articlesCreated: true } });
    expect(withArticles).not.toHaveProperty('passwordHash');
  });

  it('is stored as an argon2id hash, never the password', async () => {
    const user = await makeUser('ADMIN');
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(passwordHash).toMatch(/^\$argon2id\$/);
    expect(passwordHash).not.toContain(user.password);
  });
});

describe('createUser', () => {
  it('stores the e-mail in lower case and refuses the same address in another case', async () => {
    const user = await createUser(db, { email: ' Wang.Li@Test.local ', name: '王丽', role: 'EDITOR', password: 'long-enough-password' });
    expect(user).toEqual({ id: expect.any(String), email: 'wang.li@test.local', name: '王丽', role: 'EDITOR' });
    await expect(
      createUser(db, { email: 'WANG.LI@test.local', name: '另一个', role: 'ADMIN', password: 'long-enough-password' }),
    ).rejects.toMatchObject({ name: 'AppError', code: 'INVALID', message: '该邮箱已被使用' });
    expect(await db.user.count()).toBe(1);
  });

  it('refuses a password shorter than 10 characters', async () => {
    await expect(createUser(db, { email: 'short@test.local', name: 'x', role: 'EDITOR', password: 'short' })).rejects.toThrow();
    expect(await db.user.count()).toBe(0);
  });
});
