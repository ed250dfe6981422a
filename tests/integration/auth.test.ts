import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { checkPassword, startSession } from '@/lib/auth/authenticate';
import { sessionIdOf } from '@/lib/auth/sessions';
import { throttleLimits } from '@/lib/auth/throttle';
import { db } from '@/lib/db/client';
import { createUser } from '@/lib/users/create-user';
import { makeUser, resetDatabase } from './helpers';

const ip = '203.0.113.7';
const client = (address: string | null = ip) => ({ ip: address, userAgent: 'vitest' });

/** `n` wrong passwords at once (each under every limit, so each is processed). */
async function failTimes(n: number, email: string, from: string | null = ip) {
  const results = await Promise.all(Array.from({ length: n }, () => checkPassword(db, { email, password: 'wrong-password-123' }, client(from))));
  expect(results).toEqual(Array(n).fill({ ok: false, reason: 'invalid' }));
}

async function signInOk(email: string, password: string, from: string | null = ip) {
  const result = await checkPassword(db, { email, password }, client(from));
  return result.ok;
}

beforeEach(resetDatabase);
afterAll(() => db.$disconnect());

describe('checkPassword', () => {
  it('accepts the right password with a ticket that starts exactly one session', async () => {
    const user = await makeUser('EDITOR');
    const result = await checkPassword(db, { email: user.email, password: user.password }, client());
    expect(result).toMatchObject({ ok: true, userId: user.id, next: 'ready', ticket: expect.any(String) });
    if (!result.ok) throw new Error('unreachable');
    const started = await startSession(db, result.ticket);
    expect(started).toMatchObject({ userId: user.id, sessionToken: expect.any(String), email: user.email });
    // The table keeps only the token's hash.
    const session = await db.userSession.findUniqueOrThrow({ where: { id: sessionIdOf(started!.sessionToken) } });
    expect(session.id).not.toBe(started!.sessionToken);
    expect(session).toMatchObject({ userId: user.id, ip, userAgent: 'vitest' });
    // A ticket works once.
    expect(await startSession(db, result.ticket)).toBeNull();
    expect(await db.userSession.count()).toBe(1);
    const audit = await db.auditEvent.findMany({ where: { entityId: user.id }, select: { action: true, ip: true } });
    expect(audit).toEqual([{ action: 'auth.sign-in', ip }]);
  });

  it('treats the e-mail case-insensitively', async () => {
    const user = await makeUser('EDITOR');
    expect(await signInOk(user.email.toUpperCase(), user.password)).toBe(true);
  });

  it('rejects a wrong password, an unknown e-mail and malformed input alike, and audits the failures', async () => {
    const user = await makeUser('EDITOR');
    expect(await checkPassword(db, { email: user.email, password: 'not-the-password' }, client())).toEqual({ ok: false, reason: 'invalid' });
    expect(await checkPassword(db, { email: 'nobody@test.local', password: 'correct-horse-battery' }, client())).toEqual({ ok: false, reason: 'invalid' });
    expect(await checkPassword(db, { email: 'not-an-email', password: 'x' }, client())).toEqual({ ok: false, reason: 'invalid' });
    expect(await checkPassword(db, null, client())).toEqual({ ok: false, reason: 'invalid' });
    const failures = await db.auditEvent.findMany({
      where: { action: 'auth.sign-in-failed' },
      orderBy: { id: 'asc' },
      select: { entityId: true, summary: true, ip: true },
    });
    expect(failures).toEqual([
      { entityId: user.id, summary: { email: user.email }, ip },
      { entityId: '', summary: { email: 'nobody@test.local' }, ip },
    ]);
  });

  it('rejects an inactive user even with the right password', async () => {
    const user = await makeUser('ADMIN');
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await checkPassword(db, { email: user.email, password: user.password }, client())).toEqual({ ok: false, reason: 'invalid' });
  });

  it('does not start a session for a user deactivated after the password step', async () => {
    const user = await makeUser('EDITOR');
    const result = await checkPassword(db, { email: user.email, password: user.password }, client());
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(result.ok && (await startSession(db, result.ticket))).toBeNull();
  });

  it('asks for the second factor, and its ticket cannot start a session', async () => {
    const user = await makeUser('ADMIN');
    await db.user.update({ where: { id: user.id }, data: { totpEnabledAt: new Date(), totpSecret: 'sealed' } });
    const result = await checkPassword(db, { email: user.email, password: user.password }, client());
    expect(result).toMatchObject({ ok: true, next: 'second-factor' });
    expect(result.ok && (await startSession(db, result.ticket))).toBeNull();
  });

  it('refuses an expired ticket', async () => {
    const user = await makeUser('EDITOR');
    const result = await checkPassword(db, { email: user.email, password: user.password }, client());
    await db.signInTicket.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(result.ok && (await startSession(db, result.ticket))).toBeNull();
  });
});

describe('sign-in throttling', () => {
  it('lets at most the limit through when 50 wrong passwords arrive at once', async () => {
    const user = await makeUser('EDITOR');
    const results = await Promise.all(Array.from({ length: 50 }, () => checkPassword(db, { email: user.email, password: 'wrong-password-123' }, client())));
    const processed = results.filter((r) => !r.ok && r.reason === 'invalid').length;
    expect(processed).toBe(throttleLimits.perAccountAndAddress.limit);
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(50 - processed);
    // Only processed attempts checked a password and were audited.
    expect(await db.auditEvent.count({ where: { action: 'auth.sign-in-failed' } })).toBe(processed);
    // From that address even the right password now waits…
    expect(await checkPassword(db, { email: user.email, password: user.password }, client())).toEqual({ ok: false, reason: 'throttled' });
    // …but the real user, elsewhere, is not locked out.
    expect(await signInOk(user.email, user.password, '198.51.100.20')).toBe(true);
  });

  it('counts guesses per account and address, so a user who got it right starts over', async () => {
    const user = await makeUser('EDITOR');
    await failTimes(9, user.email);
    expect(await signInOk(user.email, user.password)).toBe(true);
    await failTimes(9, user.email);
    expect(await signInOk(user.email, user.password)).toBe(true);
  });

  it('stops guessing spread over many addresses at the account-wide ceiling', async () => {
    const user = await makeUser('EDITOR');
    const perAddress = throttleLimits.perAccountAndAddress.limit;
    await Promise.all(
      Array.from({ length: throttleLimits.perAccount.password.limit / perAddress }, (_, a) => failTimes(perAddress, user.email, `198.51.100.${a + 1}`)),
    );
    expect(await checkPassword(db, { email: user.email, password: user.password }, client('192.0.2.1'))).toEqual({ ok: false, reason: 'throttled' });
    const other = await makeUser('EDITOR');
    expect(await signInOk(other.email, other.password, '192.0.2.1')).toBe(true);
  });

  it('stops one address trying many accounts', async () => {
    const user = await makeUser('REVIEWER');
    await Promise.all(Array.from({ length: throttleLimits.perAddress.limit - 1 }, (_, i) => failTimes(1, `probe${i}@test.local`)));
    expect(await signInOk(user.email, user.password)).toBe(true);
    await failTimes(1, 'probe-last@test.local');
    expect(await checkPassword(db, { email: user.email, password: user.password }, client())).toEqual({ ok: false, reason: 'throttled' });
    expect(await signInOk(user.email, user.password, '192.0.2.99')).toBe(true);
  });

  it('forgets attempts once their window has passed: 15 minutes per address, an hour per account', async () => {
    const user = await makeUser('EDITOR');
    await failTimes(10, user.email);
    expect(await signInOk(user.email, user.password)).toBe(false);
    await db.signInCounter.updateMany({ data: { windowStart: new Date(Date.now() - 16 * 60 * 1000) } });
    expect(await signInOk(user.email, user.password)).toBe(true);

    await Promise.all(Array.from({ length: 10 }, (_, a) => failTimes(10, user.email, `198.51.100.${a + 1}`)));
    expect(await signInOk(user.email, user.password, '192.0.2.1')).toBe(false);
    await db.signInCounter.updateMany({ data: { windowStart: new Date(Date.now() - 59 * 60 * 1000) } });
    expect(await signInOk(user.email, user.password, '192.0.2.1')).toBe(false);
    await db.signInCounter.updateMany({ data: { windowStart: new Date(Date.now() - 61 * 60 * 1000) } });
    expect(await signInOk(user.email, user.password, '192.0.2.1')).toBe(true);
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
    const user = await createUser(db, { email: ' Wang.Li@Test.local ', name: '王丽', role: 'EDITOR', password: 'long-enough-passphrase' });
    expect(user).toEqual({ id: expect.any(String), email: 'wang.li@test.local', name: '王丽', role: 'EDITOR' });
    await expect(createUser(db, { email: 'WANG.LI@test.local', name: '另一个', role: 'ADMIN', password: 'long-enough-passphrase' })).rejects.toMatchObject({
      name: 'AppError',
      code: 'INVALID',
      message: '该邮箱已被使用',
    });
    expect(await db.user.count()).toBe(1);
  });

  it('refuses a password the policy refuses', async () => {
    await expect(createUser(db, { email: 'short@test.local', name: 'x', role: 'EDITOR', password: 'short-pass' })).rejects.toMatchObject({ code: 'INVALID' });
    await expect(createUser(db, { email: 'zhang.wei@test.local', name: 'x', role: 'EDITOR', password: 'zhang.wei-2026-spring' })).rejects.toMatchObject({
      code: 'INVALID',
    });
    expect(await db.user.count()).toBe(0);
  });
});
