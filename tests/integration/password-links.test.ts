import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { checkPassword, startSession } from '@/lib/auth/authenticate';
import { findSessionUser, sessionIdOf } from '@/lib/auth/sessions';
import { db } from '@/lib/db/client';
import { inviteUser } from '@/lib/users/create-user';
import { findPasswordLink, setPasswordWithLink } from '@/lib/users/password-reset';
import { updateUser } from '@/lib/users/update-user';
import { makeUser, resetDatabase } from './helpers';

const client = { ip: '203.0.113.7', userAgent: 'vitest' };
const canSignIn = async (email: string, password: string) => (await checkPassword(db, { email, password }, client)).ok;

beforeEach(resetDatabase);
afterAll(() => db.$disconnect());

describe('one-time password links', () => {
  it('an invited colleague sets their own password with the link, once', async () => {
    const admin = await makeUser('ADMIN');
    const { userId, passwordToken } = await inviteUser(db, admin, { email: 'new.editor@test.local', name: '新编辑', role: 'EDITOR' }, null);
    expect(await findPasswordLink(db, passwordToken)).toMatchObject({ id: userId, email: 'new.editor@test.local' });
    await setPasswordWithLink(db, passwordToken, 'my-own-secret-phrase', null);
    expect(await canSignIn('new.editor@test.local', 'my-own-secret-phrase')).toBe(true);
    await expect(setPasswordWithLink(db, passwordToken, 'another-secret-phrase', null)).rejects.toMatchObject({ code: 'INVALID' });
    expect(await db.passwordReset.findMany({ select: { id: true } })).not.toContainEqual({ id: passwordToken });
  });

  it('expires after an hour', async () => {
    const admin = await makeUser('ADMIN');
    const user = await makeUser('EDITOR');
    const { passwordToken } = await updateUser(admin, user.id, { kind: 'password-link' });
    const later = new Date(Date.now() + 60 * 60 * 1000 + 1000);
    await expect(setPasswordWithLink(db, passwordToken!, 'my-own-secret-phrase', null, later)).rejects.toMatchObject({ code: 'INVALID' });
    expect(await canSignIn(user.email, user.password)).toBe(true);
  });

  it('a newer link voids the older one; a reset ends every session', async () => {
    const admin = await makeUser('ADMIN');
    const user = await makeUser('EDITOR');
    const checked = await checkPassword(db, { email: user.email, password: user.password }, client);
    const session = checked.ok ? await startSession(db, checked.ticket) : null;
    const first = (await updateUser(admin, user.id, { kind: 'password-link' })).passwordToken!;
    const second = (await updateUser(admin, user.id, { kind: 'password-link' })).passwordToken!;
    expect(await findPasswordLink(db, first)).toBeNull();
    await setPasswordWithLink(db, second, 'my-own-secret-phrase', null);
    expect(await findSessionUser(db, sessionIdOf(session!.sessionToken))).toBeNull();
    expect(await canSignIn(user.email, user.password)).toBe(false);
  });

  it('refuses a password the policy refuses and keeps the link usable', async () => {
    const admin = await makeUser('ADMIN');
    const user = await makeUser('EDITOR');
    const token = (await updateUser(admin, user.id, { kind: 'password-link' })).passwordToken!;
    await expect(setPasswordWithLink(db, token, 'password1234', null)).rejects.toMatchObject({ code: 'INVALID' });
    expect(await findPasswordLink(db, token)).not.toBeNull();
  });
});

describe('what an admin may not do by link', () => {
  it('refuses links and second-factor resets for oneself, and links for a deactivated account', async () => {
    const admin = await makeUser('ADMIN');
    const user = await makeUser('EDITOR');
    await expect(updateUser(admin, admin.id, { kind: 'password-link' })).rejects.toMatchObject({ code: 'INVALID' });
    await expect(updateUser(admin, admin.id, { kind: 'reset-two-factor' })).rejects.toMatchObject({ code: 'INVALID' });
    await updateUser(admin, user.id, { kind: 'active', active: false });
    await expect(updateUser(admin, user.id, { kind: 'password-link' })).rejects.toMatchObject({ message: '该账号已停用，请先启用再发放链接' });
    expect(await db.passwordReset.count()).toBe(0);
  });
});
