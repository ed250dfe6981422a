import { recordAudit } from '@/lib/audit/record-audit';
import type { Db, Tx } from '@/lib/db/client';
import { forgetKnownDevices } from './known-devices';
import { isSessionAlive, sessionLifetime } from './session-lifetime';
import type { SignedInUser } from './session-types';
import { hashToken, newToken } from './tokens';

// Server-side sessions: the Auth.js token carries a random session token, the table its SHA-256
// (the row's id, which pages may show and forms may name), and only a live row opens the admin.
// Ending a session deletes its row, so a copied cookie stops working at once.

export type ClientInfo = { ip: string | null; userAgent: string };

export type SessionUser = Omit<SignedInUser, 'mustEnrolTwoFactor'>;

/** A request's lastSeenAt is written at most once a minute: a page load makes several requests. */
const touchEveryMs = 60 * 1000;

/** Returns the token for the browser; the row's id is its hash (`sessionIdOf`). */
export async function createSession(tx: Tx, userId: string, client: ClientInfo): Promise<string> {
  const token = newToken();
  await tx.userSession.create({ data: { id: sessionIdOf(token), userId, ip: client.ip, userAgent: client.userAgent.slice(0, 500) } });
  return token;
}

export function sessionIdOf(token: string): string {
  return hashToken(token);
}

/** The user of a live session, or null when the session was ended, expired or its user deactivated. */
export async function findSessionUser(db: Db, sessionId: string, now = new Date()): Promise<SessionUser | null> {
  const session = await db.userSession.findUnique({
    where: { id: sessionId },
    select: {
      createdAt: true,
      lastSeenAt: true,
      user: { select: { id: true, email: true, name: true, role: true, active: true, totpEnabledAt: true } },
    },
  });
  if (!session) return null;
  if (!session.user.active || !isSessionAlive(session, now, sessionLifetime())) {
    await db.userSession.deleteMany({ where: { id: sessionId } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > touchEveryMs) {
    await db.userSession.updateMany({ where: { id: sessionId }, data: { lastSeenAt: now } });
  }
  const { user } = session;
  return { id: user.id, email: user.email, name: user.name, role: user.role, totpEnabled: user.totpEnabledAt !== null, sessionId };
}

export function listSessions(db: Db, userId: string) {
  return db.userSession.findMany({
    where: { userId },
    orderBy: { lastSeenAt: 'desc' },
    select: { id: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true },
  });
}

export type SessionEndReason = 'sign-out' | 'ended-by-user' | 'sign-out-everywhere' | 'password' | 'role' | 'deactivated' | 'password-reset';

/** Ends one session of `userId` (a session of someone else is not found). Returns whether one ended. */
export async function endSession(
  db: Db,
  input: { userId: string; sessionId: string; actorId: string | null; reason: SessionEndReason; ip?: string | null },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.userSession.deleteMany({ where: { id: input.sessionId, userId: input.userId } });
    if (count > 0) {
      await recordAudit(tx, {
        actorId: input.actorId,
        action: 'session.end',
        entityType: 'User',
        entityId: input.userId,
        summary: { reason: input.reason },
        ip: input.ip,
      });
    }
    return count > 0;
  });
}

/**
 * Ends every session of a user (but `keep`, the one making the request, when given) and every
 * sign-in of theirs in progress, and forgets their known devices (lib/auth/known-devices.ts):
 * whatever called for this (a password changed or reset, a lost laptop) may have been one of
 * them. The browser that stays signed in is known again at its next sign-in. Call inside the
 * change's transaction.
 */
export async function endAllSessions(
  tx: Tx,
  input: { userId: string; actorId: string | null; reason: SessionEndReason; ip?: string | null; keep?: string },
): Promise<number> {
  const { count } = await tx.userSession.deleteMany({
    where: { userId: input.userId, ...(input.keep ? { id: { not: input.keep } } : {}) },
  });
  // Sign-ins still in progress (between password and second factor) end too.
  await tx.signInTicket.deleteMany({ where: { userId: input.userId } });
  await forgetKnownDevices(tx, input.userId);
  await recordAudit(tx, {
    actorId: input.actorId,
    action: 'session.end-all',
    entityType: 'User',
    entityId: input.userId,
    summary: { reason: input.reason, count, keptCurrent: Boolean(input.keep) },
    ip: input.ip,
  });
  return count;
}

/** The user's other sessions end; the one making the request stays. */
export async function endOtherSessions(db: Db, user: { id: string; sessionId: string }, ip: string | null): Promise<number> {
  return db.$transaction((tx) => endAllSessions(tx, { userId: user.id, actorId: user.id, reason: 'sign-out-everywhere', ip, keep: user.sessionId }));
}

/** Rows of sessions that can no longer be used; removed when their user signs in again. */
export async function deleteExpiredSessions(tx: Tx, userId: string, now = new Date()): Promise<void> {
  const { idleMs, absoluteMs } = sessionLifetime();
  await tx.userSession.deleteMany({
    where: {
      userId,
      OR: [{ lastSeenAt: { lte: new Date(now.getTime() - idleMs) } }, { createdAt: { lte: new Date(now.getTime() - absoluteMs) } }],
    },
  });
}
