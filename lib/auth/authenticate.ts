import { recordAudit } from '@/lib/audit/record-audit';
import type { Db } from '@/lib/db/client';
import { isKnownDevice } from './known-devices';
import { dummyPasswordHash, verifyPassword } from './password';
import { signInSchema } from './schemas';
import { createSession, deleteExpiredSessions, type ClientInfo } from './sessions';
import { createTicket, redeemTicket } from './sign-in-ticket';
import { claimAttempt, settleSuccessfulAttempt, throttleKeys } from './throttle';

export type PasswordCheck = { ok: true; userId: string; next: 'second-factor' | 'ready'; ticket: string } | { ok: false; reason: 'invalid' | 'throttled' };

/**
 * The first step of signing in: an e-mail and password. The attempt is counted before the
 * password is checked (lib/auth/throttle.ts); from one of the account's known devices (the
 * browser's `deviceTokens`, lib/auth/known-devices.ts) it is not counted under the account-wide
 * key. Inactive accounts fail like wrong passwords (no account probing). A success hands back a
 * ticket: READY, or SECOND_FACTOR when the user has two-factor sign-in on.
 */
export async function checkPassword(db: Db, input: unknown, client: ClientInfo, deviceTokens: string[] = []): Promise<PasswordCheck> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const { email, password } = parsed.data;

  const knownDevice = await isKnownDevice(db, { email }, deviceTokens);
  const keys = throttleKeys('password', email, client.ip, { knownDevice });
  if (!(await claimAttempt(db, keys))) return { ok: false, reason: 'throttled' };

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, active: true, passwordHash: true, totpEnabledAt: true },
  });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !user.active || !passwordOk) {
    await db.$transaction((tx) =>
      recordAudit(tx, { actorId: null, action: 'auth.sign-in-failed', entityType: 'User', entityId: user?.id ?? '', summary: { email }, ip: client.ip }),
    );
    return { ok: false, reason: 'invalid' };
  }
  await settleSuccessfulAttempt(db, keys);
  const next = user.totpEnabledAt ? 'second-factor' : 'ready';
  const ticket = await db.$transaction((tx) => createTicket(tx, user.id, next === 'ready' ? 'READY' : 'SECOND_FACTOR', client));
  return { ok: true, userId: user.id, next, ticket };
}

/**
 * The last step, run by Auth.js's credentials provider: a READY ticket becomes a session. Returns
 * null for a used, expired or unknown ticket, or a user deactivated in between.
 */
export async function startSession(db: Db, ticket: string): Promise<{ userId: string; sessionToken: string; email: string; name: string } | null> {
  return db.$transaction(async (tx) => {
    const redeemed = await redeemTicket(tx, ticket);
    if (!redeemed) return null;
    const user = await tx.user.findUnique({ where: { id: redeemed.userId }, select: { id: true, email: true, name: true, active: true } });
    if (!user?.active) return null;
    await deleteExpiredSessions(tx, user.id);
    const client = { ip: redeemed.ip, userAgent: redeemed.userAgent };
    const sessionToken = await createSession(tx, user.id, client);
    await recordAudit(tx, { actorId: user.id, action: 'auth.sign-in', entityType: 'User', entityId: user.id, ip: client.ip });
    return { userId: user.id, sessionToken, email: user.email, name: user.name };
  });
}
