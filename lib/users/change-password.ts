import { recordAudit } from '@/lib/audit/record-audit';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { passwordProblem } from '@/lib/auth/password-policy';
import type { SignedInUser } from '@/lib/auth/session-types';
import { endAllSessions } from '@/lib/auth/sessions';
import { claimAttempt, settleSuccessfulAttempt, throttleKeys } from '@/lib/auth/throttle';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

/**
 * A user changes their own password: the current one is required (and throttled like a sign-in),
 * the new one must pass the policy, and every other session of the user ends; the one making
 * the change stays signed in.
 */
export async function changeOwnPassword(db: Db, user: SignedInUser, input: { current: string; next: string }, ip: string | null): Promise<void> {
  const keys = throttleKeys('password', user.email, ip);
  if (!(await claimAttempt(db, keys))) throw new AppError('RATE_LIMITED', '尝试次数过多，请稍后再试');
  const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(passwordHash, input.current))) throw new AppError('INVALID', '当前密码不正确');
  await settleSuccessfulAttempt(db, keys);
  const problem = passwordProblem(input.next, user.email);
  if (problem) throw new AppError('INVALID', problem);
  if (await verifyPassword(passwordHash, input.next)) throw new AppError('INVALID', '新密码不能与当前密码相同');
  const newHash = await hashPassword(input.next);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash: newHash } });
    await recordAudit(tx, { actorId: user.id, action: 'user.password-changed', entityType: 'User', entityId: user.id, ip });
    await endAllSessions(tx, { userId: user.id, actorId: user.id, reason: 'password', ip, keep: user.sessionId });
  });
}
