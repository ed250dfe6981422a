import type { Db } from '@/lib/db/client';

// Failed sign-ins are counted per account and per client address over a sliding window.
// The account key is the e-mail the attacker targets and the address is the socket's, so
// neither can be rotated by the client to dodge the limit.
export const throttleWindowMs = 15 * 60 * 1000;
export const maxFailuresPerAccount = 10;
export const maxFailuresPerAddress = 50;

export function throttleKeys(email: string, ip: string | null): { account: string; address: string | null } {
  return { account: `account:${email.toLowerCase()}`, address: ip ? `ip:${ip}` : null };
}

export async function isThrottled(db: Db, email: string, ip: string | null, now = new Date()): Promise<boolean> {
  const keys = throttleKeys(email, ip);
  const since = new Date(now.getTime() - throttleWindowMs);
  const [account, address] = await Promise.all([
    db.signInFailure.count({ where: { key: keys.account, createdAt: { gte: since } } }),
    keys.address ? db.signInFailure.count({ where: { key: keys.address, createdAt: { gte: since } } }) : 0,
  ]);
  return account >= maxFailuresPerAccount || address >= maxFailuresPerAddress;
}

export async function recordFailure(db: Db, email: string, ip: string | null): Promise<void> {
  const keys = throttleKeys(email, ip);
  await db.signInFailure.createMany({
    data: [{ key: keys.account }, ...(keys.address ? [{ key: keys.address }] : [])],
  });
}

export async function clearAccountFailures(db: Db, email: string): Promise<void> {
  await db.signInFailure.deleteMany({ where: { key: throttleKeys(email, null).account } });
}
