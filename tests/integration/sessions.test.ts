import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { checkPassword, startSession } from '@/lib/auth/authenticate';
import type { SignedInUser } from '@/lib/auth/session-types';
import { endSession, findSessionUser, listSessions, sessionIdOf } from '@/lib/auth/sessions';
import { db } from '@/lib/db/client';
import { changeOwnPassword } from '@/lib/users/change-password';
import { updateUser } from '@/lib/users/update-user';
import { makeUser, resetDatabase } from './helpers';

type TestUser = Awaited<ReturnType<typeof makeUser>>;

/** Signs `user` in through the real steps and returns the new session's id (its token's hash). */
async function signIn(user: TestUser, ip = '203.0.113.7'): Promise<string> {
  const checked = await checkPassword(db, { email: user.email, password: user.password }, { ip, userAgent: 'vitest' });
  if (!checked.ok) throw new Error(`sign-in failed: ${checked.reason}`);
  const started = await startSession(db, checked.ticket);
  if (!started) throw new Error('no session');
  return sessionIdOf(started.sessionToken);
}

function asSignedIn(user: TestUser, sessionId: string): SignedInUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role, totpEnabled: false, sessionId, mustEnrolTwoFactor: false };
}

beforeEach(resetDatabase);
afterAll(() => db.$disconnect());

describe('server-side sessions', () => {
  it('a session opens the admin until it is ended; ending it is audited', async () => {
    const user = await makeUser('EDITOR');
    const sessionId = await signIn(user);
    expect(await findSessionUser(db, sessionId)).toMatchObject({ id: user.id, role: 'EDITOR', totpEnabled: false, sessionId });
    expect(await endSession(db, { userId: user.id, sessionId, actorId: user.id, reason: 'sign-out', ip: '203.0.113.7' })).toBe(true);
    expect(await findSessionUser(db, sessionId)).toBeNull();
    expect(await db.auditEvent.findFirst({ where: { action: 'session.end' }, select: { summary: true } })).toEqual({ summary: { reason: 'sign-out' } });
  });

  it('a user cannot end somebody else’s session', async () => {
    const a = await makeUser('EDITOR');
    const b = await makeUser('EDITOR');
    const sessionOfB = await signIn(b);
    expect(await endSession(db, { userId: a.id, sessionId: sessionOfB, actorId: a.id, reason: 'ended-by-user' })).toBe(false);
    expect(await findSessionUser(db, sessionOfB)).not.toBeNull();
  });

  it('ends after 8 hours idle and after 7 days whatever the activity', async () => {
    const user = await makeUser('EDITOR');
    const idle = await signIn(user);
    const old = await signIn(user);
    const hour = 60 * 60 * 1000;
    await db.userSession.update({ where: { id: idle }, data: { lastSeenAt: new Date(Date.now() - 8 * hour - 1000) } });
    await db.userSession.update({ where: { id: old }, data: { createdAt: new Date(Date.now() - 7 * 24 * hour - 1000) } });
    expect(await findSessionUser(db, idle)).toBeNull();
    expect(await findSessionUser(db, old)).toBeNull();
    expect(await db.userSession.count()).toBe(0);
  });

  it('keeps a used session alive by recording when it was last seen', async () => {
    const user = await makeUser('EDITOR');
    const sessionId = await signIn(user);
    const stale = new Date(Date.now() - 7 * 60 * 60 * 1000);
    await db.userSession.update({ where: { id: sessionId }, data: { lastSeenAt: stale } });
    expect(await findSessionUser(db, sessionId)).not.toBeNull();
    const { lastSeenAt } = await db.userSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('a deactivated user’s session stops working at once', async () => {
    const admin = await makeUser('ADMIN');
    const user = await makeUser('EDITOR');
    const sessionId = await signIn(user);
    await updateUser(admin, user.id, { kind: 'active', active: false });
    expect(await findSessionUser(db, sessionId)).toBeNull();
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
  });

  it.each([
    ['a role change', { kind: 'role', role: 'REVIEWER' }],
    ['sign out everywhere', { kind: 'sign-out-everywhere' }],
  ] as const)('%s ends every session of the user and no one else’s', async (_name, change) => {
    const admin = await makeUser('ADMIN');
    const user = await makeUser('EDITOR');
    const other = await makeUser('EDITOR');
    const [s1, s2] = [await signIn(user), await signIn(user, '198.51.100.2')];
    const otherSession = await signIn(other);
    await updateUser(admin, user.id, change);
    expect(await findSessionUser(db, s1)).toBeNull();
    expect(await findSessionUser(db, s2)).toBeNull();
    expect(await findSessionUser(db, otherSession)).not.toBeNull();
    expect(await db.auditEvent.findFirst({ where: { action: 'session.end-all', entityId: user.id }, select: { summary: true } })).toMatchObject({
      summary: { count: 2 },
    });
  });

  it('changing one’s own password keeps this session and ends the others', async () => {
    const user = await makeUser('EDITOR');
    const here = await signIn(user);
    const elsewhere = await signIn(user, '198.51.100.3');
    await changeOwnPassword(db, asSignedIn(user, here), { current: user.password, next: 'a-brand-new-passphrase' }, '203.0.113.7');
    expect(await findSessionUser(db, here)).not.toBeNull();
    expect(await findSessionUser(db, elsewhere)).toBeNull();
    expect((await checkPassword(db, { email: user.email, password: 'a-brand-new-passphrase' }, { ip: '192.0.2.5', userAgent: '' })).ok).toBe(true);
  });

  it('changing one’s password needs the current one and a new one the policy accepts', async () => {
    const user = await makeUser('EDITOR');
    const me = asSignedIn(user, await signIn(user));
    await expect(changeOwnPassword(db, me, { current: 'wrong', next: 'a-brand-new-passphrase' }, null)).rejects.toMatchObject({ message: '当前密码不正确' });
    await expect(changeOwnPassword(db, me, { current: user.password, next: 'short' }, null)).rejects.toMatchObject({ code: 'INVALID' });
    await expect(changeOwnPassword(db, me, { current: user.password, next: user.password }, null)).rejects.toMatchObject({ code: 'INVALID' });
  });

  it('lists a user’s own sessions, newest activity first, with device and address', async () => {
    const user = await makeUser('EDITOR');
    await signIn(user, '198.51.100.1');
    await signIn(user, '198.51.100.2');
    const sessions = await listSessions(db, user.id);
    expect(sessions.map((s) => s.ip).sort()).toEqual(['198.51.100.1', '198.51.100.2']);
    expect(sessions[0]).toMatchObject({ userAgent: 'vitest' });
  });
});
