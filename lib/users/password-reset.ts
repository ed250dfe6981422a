import { recordAudit } from '@/lib/audit/record-audit';
import { hashPassword } from '@/lib/auth/password';
import { passwordProblem } from '@/lib/auth/password-policy';
import { endAllSessions } from '@/lib/auth/sessions';
import { hashToken, newToken } from '@/lib/auth/tokens';
import type { Db, Tx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

// Admins never type or see a user's password: they issue a one-time link (for a new account or a
// forgotten password) that lets its holder set one within an hour. Only the token's SHA-256 is
// stored, and issuing a new link voids the user's earlier ones.
export const passwordLinkTtlMs = 60 * 60 * 1000;

export function passwordLinkPath(token: string): string {
  return `/reset-password/${token}`;
}

export async function issuePasswordLink(tx: Tx, input: { userId: string; actorId: string; ip?: string | null }, now = new Date()): Promise<string> {
  const token = newToken();
  await tx.passwordReset.deleteMany({ where: { userId: input.userId, usedAt: null } });
  await tx.passwordReset.create({
    data: { id: hashToken(token), userId: input.userId, createdById: input.actorId, expiresAt: new Date(now.getTime() + passwordLinkTtlMs) },
  });
  await recordAudit(tx, { actorId: input.actorId, action: 'user.password-link', entityType: 'User', entityId: input.userId, ip: input.ip });
  return token;
}

/** The account a link sets the password of, while the link is unused and fresh. */
export async function findPasswordLink(db: Db, token: string, now = new Date()) {
  const link = await db.passwordReset.findFirst({
    where: { id: hashToken(token), usedAt: null, expiresAt: { gt: now } },
    select: { user: { select: { id: true, email: true, name: true, active: true } } },
  });
  return link?.user.active ? link.user : null;
}

const invalidLink = '链接无效或已过期，请联系管理员重新发送';

/** Sets the password through a link: the link is used up, and every session of the account ends. */
export async function setPasswordWithLink(db: Db, token: string, password: string, ip: string | null, now = new Date()): Promise<void> {
  const user = await findPasswordLink(db, token, now);
  if (!user) throw new AppError('INVALID', invalidLink);
  const problem = passwordProblem(password, user.email);
  if (problem) throw new AppError('INVALID', problem);
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const { count } = await tx.passwordReset.updateMany({
      where: { id: hashToken(token), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count !== 1) throw new AppError('INVALID', invalidLink);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await recordAudit(tx, { actorId: user.id, action: 'user.password-set', entityType: 'User', entityId: user.id, ip });
    await endAllSessions(tx, { userId: user.id, actorId: user.id, reason: 'password-reset', ip });
  });
}
