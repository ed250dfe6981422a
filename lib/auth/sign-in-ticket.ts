import type { Db, Tx } from '@/lib/db/client';
import type { SignInStage } from '@/lib/generated/prisma/enums';
import type { ClientInfo } from './sessions';
import { hashToken, newToken } from './tokens';

// A sign-in in progress, between checking the password and creating the session. The browser
// holds the token (in a cookie between the two steps of a two-factor sign-in); Auth.js's
// credentials provider accepts nothing but a READY ticket, which it redeems once.
export const ticketTtlMs: Record<SignInStage, number> = { SECOND_FACTOR: 5 * 60 * 1000, READY: 60 * 1000 };

export async function createTicket(tx: Tx, userId: string, stage: SignInStage, client: ClientInfo, now = new Date()): Promise<string> {
  const token = newToken();
  await tx.signInTicket.deleteMany({ where: { expiresAt: { lte: now } } });
  await tx.signInTicket.create({
    data: {
      id: hashToken(token),
      userId,
      stage,
      ip: client.ip,
      userAgent: client.userAgent.slice(0, 500),
      expiresAt: new Date(now.getTime() + ticketTtlMs[stage]),
    },
  });
  return token;
}

/** The user waiting for their second factor under this token, if the ticket is still valid. */
export async function findSecondFactorTicket(db: Db, token: string, now = new Date()) {
  return db.signInTicket.findFirst({
    where: { id: hashToken(token), stage: 'SECOND_FACTOR', expiresAt: { gt: now } },
    select: { id: true, userId: true },
  });
}

/** The second factor checked out: the same ticket becomes READY for a minute. */
export async function promoteTicket(tx: Tx, ticketId: string, now = new Date()): Promise<boolean> {
  const { count } = await tx.signInTicket.updateMany({
    where: { id: ticketId, stage: 'SECOND_FACTOR', expiresAt: { gt: now } },
    data: { stage: 'READY', expiresAt: new Date(now.getTime() + ticketTtlMs.READY) },
  });
  return count === 1;
}

/** Takes a READY ticket out of the table (it works once) and says whose it was. */
export async function redeemTicket(tx: Tx, token: string, now = new Date()) {
  const rows = await tx.$queryRaw<{ userId: string; ip: string | null; userAgent: string }[]>`
    DELETE FROM "SignInTicket"
    WHERE "id" = ${hashToken(token)} AND "stage" = 'READY' AND "expiresAt" > ${now}
    RETURNING "userId", "ip", "userAgent"`;
  return rows[0] ?? null;
}
