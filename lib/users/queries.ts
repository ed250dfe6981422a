import { db } from '@/lib/db/client';
import { findAccountLocks } from '@/lib/auth/account-lock';
import { listSessions } from '@/lib/auth/sessions';
import { unusedRecoveryCodeCount } from '@/lib/auth/two-factor';
import { findPasswordLink } from './password-reset';

/** Every account, with whether it has a second factor and until when its sign-in is locked (null: not locked). */
export async function listUsers() {
  const users = await db.user.findMany({
    orderBy: { createdAt: 'asc' },
    select: { id: true, email: true, name: true, role: true, active: true, totpEnabledAt: true },
  });
  const locks = await findAccountLocks(db, users);
  return users.map(({ totpEnabledAt, ...user }) => ({ ...user, twoFactor: totpEnabledAt !== null, lockedUntil: locks.get(user.id) ?? null }));
}

/** The account a password link sets (/reset-password/<token>), while the link is unused and fresh. */
export function readPasswordLink(token: string) {
  return findPasswordLink(db, token);
}

/** The account page's sessions and how many recovery codes are left (/admin/account). */
export async function readAccount(userId: string) {
  const [sessions, recoveryCodesLeft] = await Promise.all([listSessions(db, userId), unusedRecoveryCodeCount(db, userId)]);
  return { sessions, recoveryCodesLeft };
}
