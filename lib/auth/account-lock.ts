import type { Db, Tx } from '@/lib/db/client';
import { accountThrottleKey, throttleLimits, throttleScopes, type ThrottleScope } from './throttle';

// An account is locked while one of its account-wide sign-in keys (lib/auth/throttle.ts) is at
// its limit: its password (by e-mail) or its second factor (by user id). Until the window ends
// only its known devices get in; an admin can lift the lock sooner. Lifting clears the
// account-wide keys only: the guesser's own addresses stay limited as they were.

type Account = { id: string; email: string };

function accountKeys(user: Account): { scope: ThrottleScope; key: string }[] {
  return throttleScopes.map((scope) => ({ scope, key: accountThrottleKey(scope, scope === 'password' ? user.email : user.id) }));
}

/** Each locked account's id with the end of its lock (the later one when both keys are full). */
export async function findAccountLocks(db: Db, users: Account[], now = new Date()): Promise<Map<string, Date>> {
  const keys = new Map(users.flatMap((user) => accountKeys(user).map(({ scope, key }) => [key, { scope, userId: user.id }] as const)));
  const rows = await db.signInCounter.findMany({ where: { key: { in: [...keys.keys()] } } });
  const locks = new Map<string, Date>();
  for (const row of rows) {
    const owner = keys.get(row.key);
    if (!owner) continue;
    const { scope, userId } = owner;
    const { limit, windowMs } = throttleLimits.perAccount[scope];
    const until = new Date(row.windowStart.getTime() + windowMs);
    if (row.count < limit || until <= now) continue;
    const later = locks.get(userId);
    if (!later || until > later) locks.set(userId, until);
  }
  return locks;
}

/** Clears the account's full account-wide keys; returns the scopes that were locked. Call inside the change's transaction. */
export async function liftAccountLock(tx: Tx, user: Account, now = new Date()): Promise<ThrottleScope[]> {
  const lifted: ThrottleScope[] = [];
  for (const { scope, key } of accountKeys(user)) {
    const { limit, windowMs } = throttleLimits.perAccount[scope];
    const { count } = await tx.signInCounter.deleteMany({ where: { key, count: { gte: limit }, windowStart: { gt: new Date(now.getTime() - windowMs) } } });
    if (count > 0) lifted.push(scope);
  }
  return lifted;
}
