import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { checkPassword, startSession } from '@/lib/auth/authenticate';
import { throttleLimits } from '@/lib/auth/throttle';
import { totpCodeAt } from '@/lib/auth/totp';
import { beginTotpEnrolment, completeSecondFactor, confirmTotpEnrolment, disableTwoFactor } from '@/lib/auth/two-factor';
import { db } from '@/lib/db/client';
import { updateSecuritySettings } from '@/lib/settings/security-settings';
import { updateUser } from '@/lib/users/update-user';
import { makeUser, resetDatabase } from './helpers';

const client = { ip: '203.0.113.7', userAgent: 'vitest' };
const step = 30_000;

beforeEach(resetDatabase);
afterAll(() => db.$disconnect());

async function enrolled() {
  const user = await makeUser('ADMIN');
  const { secret } = await beginTotpEnrolment(db, user);
  const recoveryCodes = await confirmTotpEnrolment(db, user, totpCodeAt({ secret }), client.ip);
  return { user, secret, recoveryCodes };
}

/** The code of the next step: never the enrolment's (a code is accepted once), and within the window whenever the server checks it. */
const nextCode = (secret: string) => totpCodeAt({ secret, now: Date.now() + step });

/** A six-digit code that is certainly wrong now (not the code of any step near the present). */
function wrongCode(secret: string): string {
  const near = new Set([-2, -1, 0, 1, 2].map((k) => totpCodeAt({ secret, now: Date.now() + k * step })));
  let code = 123456;
  while (near.has(String(code))) code += 1;
  return String(code);
}

async function passwordStep(user: { email: string; password: string }) {
  const result = await checkPassword(db, { email: user.email, password: user.password }, client);
  if (!result.ok || result.next !== 'second-factor') throw new Error('expected the second-factor step');
  return result.ticket;
}

describe('TOTP enrolment', () => {
  it('stores the secret sealed, turns on with a code from it and hands out 10 recovery codes stored hashed', async () => {
    const { user, secret, recoveryCodes } = await enrolled();
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true, totpEnabledAt: true } });
    expect(row.totpEnabledAt).not.toBeNull();
    expect(row.totpSecret).not.toContain(secret);
    expect(recoveryCodes).toHaveLength(10);
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    for (const code of recoveryCodes) expect(stored.map((s) => s.codeHash)).not.toContain(code);
    expect(await db.auditEvent.count({ where: { action: 'user.two-factor-enabled', entityId: user.id } })).toBe(1);
  });

  it('refuses a wrong confirming code and stays off', async () => {
    const user = await makeUser('EDITOR');
    const { secret } = await beginTotpEnrolment(db, user);
    await expect(confirmTotpEnrolment(db, user, wrongCode(secret), client.ip)).rejects.toMatchObject({ message: '验证码不正确' });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).toBeNull();
  });
});

describe('signing in with a second factor', () => {
  it('takes a code once; the same code is refused the second time', async () => {
    const { user, secret } = await enrolled();
    const code = nextCode(secret);
    const ticket = await passwordStep(user);
    const done = await completeSecondFactor(db, ticket, code, client);
    expect(done).toEqual({ ok: true, userId: user.id, ticket });
    expect(await startSession(db, ticket)).toMatchObject({ userId: user.id });

    const again = await passwordStep(user);
    expect(await completeSecondFactor(db, again, code, client)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('takes each recovery code once, written with or without the dash, in any case', async () => {
    const { user, recoveryCodes } = await enrolled();
    const ticket = await passwordStep(user);
    expect(await completeSecondFactor(db, ticket, recoveryCodes[3].toLowerCase().replace('-', ' '), client)).toMatchObject({ ok: true });
    const again = await passwordStep(user);
    expect(await completeSecondFactor(db, again, recoveryCodes[3], client)).toEqual({ ok: false, reason: 'invalid' });
    expect(await completeSecondFactor(db, again, recoveryCodes[4], client)).toMatchObject({ ok: true });
  });

  it('throttles wrong codes like passwords, even with the right code afterwards', async () => {
    const { user, secret } = await enrolled();
    const ticket = await passwordStep(user);
    for (let i = 0; i < throttleLimits.perAccountAndAddress.limit; i += 1) {
      expect(await completeSecondFactor(db, ticket, wrongCode(secret), client)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await completeSecondFactor(db, ticket, nextCode(secret), client)).toEqual({ ok: false, reason: 'throttled' });
    expect(await db.auditEvent.count({ where: { action: 'auth.second-factor-failed' } })).toBe(throttleLimits.perAccountAndAddress.limit);
  });

  it('allows only 20 wrong codes an hour per account, from however many addresses', async () => {
    const { user, secret } = await enrolled();
    expect(throttleLimits.perAccount['second-factor'].limit).toBe(20);
    const ticket = await passwordStep(user);
    for (const ip of ['198.51.100.1', '198.51.100.2']) {
      for (let i = 0; i < 10; i += 1)
        expect(await completeSecondFactor(db, ticket, wrongCode(secret), { ip, userAgent: '' })).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await completeSecondFactor(db, ticket, nextCode(secret), { ip: '198.51.100.3', userAgent: '' })).toEqual({ ok: false, reason: 'throttled' });
  });

  it('a sign-in waiting for its code ends when the account’s sessions are ended', async () => {
    const { user, secret } = await enrolled();
    const admin = await makeUser('ADMIN');
    const ticket = await passwordStep(user);
    await updateUser(admin, user.id, { kind: 'sign-out-everywhere' });
    expect(await completeSecondFactor(db, ticket, nextCode(secret), client)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a code without a valid password-step ticket', async () => {
    const { user, secret } = await enrolled();
    const ticket = await passwordStep(user);
    await db.signInTicket.updateMany({ data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await completeSecondFactor(db, ticket, totpCodeAt({ secret }), client)).toEqual({ ok: false, reason: 'expired' });
    expect(await completeSecondFactor(db, 'made-up-ticket', totpCodeAt({ secret }), client)).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('turning it off', () => {
  it('needs a fresh code', async () => {
    const { user, secret } = await enrolled();
    await expect(disableTwoFactor(db, user, wrongCode(secret), client.ip)).rejects.toMatchObject({ message: '验证码不正确' });
    await disableTwoFactor(db, user, nextCode(secret), client.ip);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true, totpEnabledAt: true } });
    expect(row).toEqual({ totpSecret: null, totpEnabledAt: null });
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await checkPassword(db, { email: user.email, password: user.password }, client)).toMatchObject({ ok: true, next: 'ready' });
  });

  it('is refused where the role requires two-factor sign-in', async () => {
    const { user, secret } = await enrolled();
    await updateSecuritySettings(db, user.id, { requireTwoFactorFor: ['ADMIN'] }, null);
    await expect(disableTwoFactor(db, user, totpCodeAt({ secret }), client.ip)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('an admin can reset someone’s second factor, audited', async () => {
    const { user } = await enrolled();
    const admin = await makeUser('ADMIN');
    await updateUser(admin, user.id, { kind: 'reset-two-factor' });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).toBeNull();
    expect(await db.auditEvent.findFirst({ where: { action: 'user.two-factor-reset' }, select: { actorId: true, entityId: true } })).toEqual({
      actorId: admin.id,
      entityId: user.id,
    });
  });
});
