import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { findAccountLocks } from '@/lib/auth/account-lock';
import { checkPassword, type PasswordCheck } from '@/lib/auth/authenticate';
import { isKnownDevice, readDeviceTokens, rememberDevice } from '@/lib/auth/known-devices';
import { newToken } from '@/lib/auth/tokens';
import { throttleLimits } from '@/lib/auth/throttle';
import { totpCodeAt } from '@/lib/auth/totp';
import { beginTotpEnrolment, completeSecondFactor, confirmTotpEnrolment } from '@/lib/auth/two-factor';
import { db } from '@/lib/db/client';
import { setPasswordWithLink } from '@/lib/users/password-reset';
import { updateUser } from '@/lib/users/update-user';
import { makeUser, resetDatabase } from './helpers';

// The review's finding: 110 wrong passwords for one account from 11 addresses (10 each) filled
// the account-wide key, and the right password was refused from anywhere for the rest of the
// hour. Browsers that signed in before are exempt from that key (and from nothing else), an admin
// can lift the lock, and both are audited.

type TestUser = Awaited<ReturnType<typeof makeUser>>;
const client = (ip: string) => ({ ip, userAgent: 'vitest' });
const guesserAddress = (a: number) => `198.51.100.${a + 1}`;
const elsewhere = '192.0.2.1';

function attempt(user: TestUser, password: string, ip: string, deviceTokens: string[] = []): Promise<PasswordCheck> {
  return checkPassword(db, { email: user.email, password }, client(ip), deviceTokens);
}

/** The right password from `ip`, then the browser becomes known, as the sign-in action does: its cookie's tokens. */
async function signInOnce(user: TestUser, ip = '203.0.113.7', tokens: string[] = []): Promise<string[]> {
  const result = await attempt(user, user.password, ip, tokens);
  if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
  return rememberDevice(db, result.userId, tokens);
}

/** 11 addresses × 10 wrong passwords: the first 100 are checked, the last address's 10 are refused account-wide. */
async function flood(user: TestUser) {
  const perAddress = throttleLimits.perAccountAndAddress.limit;
  const addresses = throttleLimits.perAccount.password.limit / perAddress + 1;
  const results = await Promise.all(
    Array.from({ length: addresses }, (_, a) => Promise.all(Array.from({ length: perAddress }, () => attempt(user, 'wrong-password-123', guesserAddress(a))))),
  );
  const flat = results.flat();
  expect(flat.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(throttleLimits.perAccount.password.limit);
  expect(flat.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(perAddress);
}

const lockAudits = (userId: string) =>
  db.auditEvent.findMany({ where: { action: 'auth.account-locked', entityId: userId }, select: { actorId: true, summary: true, ip: true } });

beforeEach(resetDatabase);
afterAll(() => db.$disconnect());

describe('a locked account and its known devices', () => {
  it('after 110 failures from 11 addresses, the right password gets in with a known device’s cookie and is refused without it', async () => {
    const user = await makeUser('EDITOR');
    const cookie = await signInOnce(user);
    await flood(user);

    expect(await attempt(user, user.password, elsewhere)).toEqual({ ok: false, reason: 'throttled' });
    // The cookie's value as the browser sends it back.
    const tokens = readDeviceTokens(cookie.join('.'));
    expect(await attempt(user, user.password, elsewhere, tokens)).toMatchObject({ ok: true, userId: user.id });
    // Its success does not reset the account-wide key: everyone else is still refused.
    expect(await attempt(user, user.password, '192.0.2.2')).toEqual({ ok: false, reason: 'throttled' });
  });

  it('a known device is exempt from the account-wide key only: the password and the per-address limits still apply', async () => {
    const user = await makeUser('EDITOR');
    const tokens = await signInOnce(user);
    await flood(user);
    // The password is still checked…
    expect(await attempt(user, 'wrong-password-123', elsewhere, tokens)).toEqual({ ok: false, reason: 'invalid' });
    // …and a guesser's address that used up its 10 stays limited, cookie or not.
    expect(await attempt(user, user.password, guesserAddress(0), tokens)).toEqual({ ok: false, reason: 'throttled' });
    const stolenFrom = '192.0.2.50';
    for (let i = 0; i < throttleLimits.perAccountAndAddress.limit; i += 1) {
      expect(await attempt(user, 'wrong-password-123', stolenFrom, tokens)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await attempt(user, user.password, stolenFrom, tokens)).toEqual({ ok: false, reason: 'throttled' });
  });

  it('only a token the server minted for this account counts', async () => {
    const user = await makeUser('EDITOR');
    const other = await makeUser('EDITOR');
    const othersTokens = await signInOnce(other);
    await flood(user);
    expect(await attempt(user, user.password, elsewhere, [newToken()])).toEqual({ ok: false, reason: 'throttled' });
    expect(await attempt(user, user.password, elsewhere, othersTokens)).toEqual({ ok: false, reason: 'throttled' });
    expect(readDeviceTokens('not a token.also-not')).toEqual([]);
  });

  it('one browser is known for each account it signed in to, and keeps its token for an account on the next sign-in', async () => {
    const first = await makeUser('EDITOR');
    const second = await makeUser('REVIEWER');
    const once = await signInOnce(first);
    const both = await signInOnce(second, '203.0.113.7', once);
    expect(both).toHaveLength(2);
    expect(both[1]).toBe(once[0]);
    expect(await signInOnce(first, '203.0.113.7', both)).toEqual([once[0], both[0]]);
    expect(await db.knownDevice.count()).toBe(2);
    expect(await isKnownDevice(db, { email: first.email }, both)).toBe(true);
    expect(await isKnownDevice(db, { userId: second.id }, both)).toBe(true);
    // A year without a sign-in, and the browser is a stranger again.
    await db.knownDevice.updateMany({ data: { lastUsedAt: new Date(Date.now() - 366 * 24 * 60 * 60 * 1000) } });
    expect(await isKnownDevice(db, { email: first.email }, both)).toBe(false);
  });

  it('ending all of the user’s sessions (退出所有会话, deactivation, a password reset) and resetting the second factor forget their browsers', async () => {
    const admin = await makeUser('ADMIN');
    const adminTokens = await signInOnce(admin);
    const user = await makeUser('EDITOR');
    for (const change of [{ kind: 'sign-out-everywhere' }, { kind: 'active', active: false }, { kind: 'reset-two-factor' }] as const) {
      await db.user.update({ where: { id: user.id }, data: { active: true } });
      const tokens = await signInOnce(user);
      expect(await isKnownDevice(db, { userId: user.id }, tokens)).toBe(true);
      await updateUser(admin, user.id, change);
      expect(await isKnownDevice(db, { userId: user.id }, tokens), change.kind).toBe(false);
    }
    await db.user.update({ where: { id: user.id }, data: { active: true } });
    const tokens = await signInOnce(user);
    const { passwordToken } = await updateUser(admin, user.id, { kind: 'password-link' });
    await setPasswordWithLink(db, passwordToken!, 'a-new-long-passphrase', null);
    expect(await isKnownDevice(db, { userId: user.id }, tokens)).toBe(false);
    // Only that user's browsers.
    expect(await isKnownDevice(db, { userId: admin.id }, adminTokens)).toBe(true);
  });
});

describe('the lock: audited once, shown to admins, lifted by them', () => {
  it('writes one audit row when the account-wide key first refuses, however many attempts it refuses', async () => {
    const user = await makeUser('EDITOR');
    await flood(user);
    await Promise.all(Array.from({ length: 5 }, (_, i) => attempt(user, user.password, `192.0.2.${10 + i}`)));
    const audits = await lockAudits(user.id);
    expect(audits).toEqual([{ actorId: null, summary: { scope: 'password', email: user.email, until: expect.any(String) }, ip: expect.any(String) }]);
    const until = new Date((audits[0].summary as { until: string }).until);
    const { windowStart } = await db.signInCounter.findUniqueOrThrow({ where: { key: `password:${user.email}` } });
    expect(until.getTime()).toBe(windowStart.getTime() + throttleLimits.perAccount.password.windowMs);
    expect((await findAccountLocks(db, [user])).get(user.id)).toEqual(until);

    // A new window that fills up again is a new lock.
    await db.signInCounter.updateMany({ data: { windowStart: new Date(Date.now() - 61 * 60 * 1000) } });
    expect(await findAccountLocks(db, [user])).toEqual(new Map());
    await flood(user);
    expect(await lockAudits(user.id)).toHaveLength(2);
  });

  it('an admin lifts the lock: the right password works again, the guessers stay limited, and the lift is audited', async () => {
    const admin = await makeUser('ADMIN');
    const user = await makeUser('EDITOR');
    await expect(updateUser(admin, user.id, { kind: 'lift-lock' }, '203.0.113.1')).rejects.toMatchObject({ code: 'INVALID', message: '该账号没有被锁定' });
    await flood(user);
    expect(await attempt(user, user.password, elsewhere)).toEqual({ ok: false, reason: 'throttled' });
    expect([...(await findAccountLocks(db, [user, admin])).keys()]).toEqual([user.id]);

    await updateUser(admin, user.id, { kind: 'lift-lock' }, '203.0.113.1');
    expect(await findAccountLocks(db, [user])).toEqual(new Map());
    expect(await attempt(user, user.password, elsewhere)).toMatchObject({ ok: true, userId: user.id });
    expect(await attempt(user, user.password, guesserAddress(3))).toEqual({ ok: false, reason: 'throttled' });
    expect(await db.auditEvent.findMany({ where: { action: 'user.lock-lifted' }, select: { actorId: true, entityId: true, summary: true, ip: true } })).toEqual(
      [{ actorId: admin.id, entityId: user.id, summary: { scopes: ['password'] }, ip: '203.0.113.1' }],
    );
    expect(await lockAudits(user.id)).toHaveLength(1);
  });

  it('locks the second factor after 20 wrong codes from many addresses, with the same exemption, audit and lift', async () => {
    const admin = await makeUser('ADMIN');
    const user = await makeUser('ADMIN');
    const { secret } = await beginTotpEnrolment(db, user);
    // Each sign-in below uses a recovery code: a TOTP code is accepted once, and only near its time step.
    const recovery = await confirmTotpEnrolment(db, user, totpCodeAt({ secret }), '203.0.113.7');
    const step = 30_000;
    const near = new Set([-2, -1, 0, 1, 2].map((k) => totpCodeAt({ secret, now: Date.now() + k * step })));
    let wrong = 123456;
    while (near.has(String(wrong))) wrong += 1;

    const ticket = async (deviceTokens: string[] = []) => {
      const result = await attempt(user, user.password, elsewhere, deviceTokens);
      if (!result.ok || result.next !== 'second-factor') throw new Error('expected the second-factor step');
      return result.ticket;
    };
    // A browser that completed a sign-in before.
    const first = await ticket();
    expect(await completeSecondFactor(db, first, recovery[0], client(elsewhere))).toMatchObject({ ok: true, userId: user.id });
    const tokens = await rememberDevice(db, user.id, []);

    const waiting = await ticket();
    for (const ip of ['198.51.100.1', '198.51.100.2']) {
      for (let i = 0; i < 10; i += 1) expect(await completeSecondFactor(db, waiting, String(wrong), client(ip))).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await completeSecondFactor(db, waiting, String(wrong), client('198.51.100.3'))).toEqual({ ok: false, reason: 'throttled' });
    expect(await completeSecondFactor(db, waiting, String(wrong), client('198.51.100.4'))).toEqual({ ok: false, reason: 'throttled' });
    expect(await lockAudits(user.id)).toEqual([{ actorId: null, summary: { scope: 'second-factor', until: expect.any(String) }, ip: '198.51.100.3' }]);
    expect((await findAccountLocks(db, [user])).has(user.id)).toBe(true);

    // The known browser gets in; a new one is refused even with the right code.
    const mine = await ticket(tokens);
    expect(await completeSecondFactor(db, await ticket(), recovery[1], client('192.0.2.3'))).toEqual({ ok: false, reason: 'throttled' });
    expect(await completeSecondFactor(db, mine, recovery[1], client('192.0.2.3'), tokens)).toMatchObject({ ok: true });

    await updateUser(admin, user.id, { kind: 'lift-lock' });
    expect(await db.auditEvent.findFirst({ where: { action: 'user.lock-lifted' }, select: { summary: true } })).toEqual({
      summary: { scopes: ['second-factor'] },
    });
    expect(await completeSecondFactor(db, await ticket(), recovery[2], client('192.0.2.4'))).toMatchObject({ ok: true });
  });
});
