import type { Db } from '@/lib/db/client';

// Sign-in attempts are counted before the password (or second-factor code) is checked, per key in
// a fixed window, by one conditional upsert per key: the upsert locks the key's row, so of any
// number of concurrent attempts exactly `limit` pass. The keys:
// - account + address: guesses from one address stop after 10 in 15 minutes, and they cannot lock
//   the real user out, who signs in from another address;
// - account alone, with a higher ceiling per hour (ASVS 2.2.1: at most 100 failures an hour), for
//   guessing spread over many addresses. A six-digit code is far easier to guess than a password,
//   so second factors get a ceiling of 20 an hour;
// - address alone, for one address trying many accounts.
// The address is the socket's or a trusted proxy's (lib/auth/client-ip.ts), never client-chosen.
const minute = 60 * 1000;
export const throttleLimits = {
  perAccountAndAddress: { limit: 10, windowMs: 15 * minute },
  perAccount: { password: { limit: 100, windowMs: 60 * minute }, 'second-factor': { limit: 20, windowMs: 60 * minute } },
  perAddress: { limit: 50, windowMs: 15 * minute },
} as const;

export type ThrottleScope = 'password' | 'second-factor';
export type ThrottleKey = { key: string; limit: number; windowMs: number };

/** `account` is the e-mail for passwords and the user id for second factors. */
export function throttleKeys(scope: ThrottleScope, account: string, ip: string | null): ThrottleKey[] {
  const name = `${scope}:${account.toLowerCase()}`;
  return [
    ...(ip ? [{ key: `${name}|${ip}`, ...throttleLimits.perAccountAndAddress }] : []),
    { key: name, ...throttleLimits.perAccount[scope] },
    ...(ip ? [{ key: `address:${ip}`, ...throttleLimits.perAddress }] : []),
  ];
}

class LimitReached extends Error {}

/**
 * Counts one attempt under every key, or none if any key is at its limit: returns false then.
 * Keys are taken in a fixed order so that concurrent attempts never wait on each other in a cycle.
 */
export async function claimAttempt(db: Db, keys: ThrottleKey[], now = new Date()): Promise<boolean> {
  const ordered = [...keys].sort((a, b) => a.key.localeCompare(b.key));
  try {
    await db.$transaction(async (tx) => {
      for (const { key, limit, windowMs } of ordered) {
        const since = new Date(now.getTime() - windowMs);
        const counted = await tx.$queryRaw<{ count: number }[]>`
          INSERT INTO "SignInCounter" ("key", "count", "windowStart") VALUES (${key}, 1, ${now})
          ON CONFLICT ("key") DO UPDATE SET
            "count" = CASE WHEN "SignInCounter"."windowStart" <= ${since} THEN 1 ELSE "SignInCounter"."count" + 1 END,
            "windowStart" = CASE WHEN "SignInCounter"."windowStart" <= ${since} THEN ${now} ELSE "SignInCounter"."windowStart" END
          WHERE "SignInCounter"."windowStart" <= ${since} OR "SignInCounter"."count" < ${limit}
          RETURNING "count"`;
        if (counted.length === 0) throw new LimitReached();
      }
    });
    return true;
  } catch (error) {
    if (error instanceof LimitReached) return false;
    throw error;
  }
}

/**
 * After a success: the account's own counts start over, and the address gets its attempt back,
 * so that colleagues behind one office address are limited by their failures only.
 */
export async function settleSuccessfulAttempt(db: Db, keys: ThrottleKey[]): Promise<void> {
  const address = keys.filter((k) => k.key.startsWith('address:')).map((k) => k.key);
  await db.$transaction([
    db.signInCounter.deleteMany({ where: { key: { in: keys.map((k) => k.key).filter((k) => !address.includes(k)) } } }),
    db.signInCounter.updateMany({ where: { key: { in: address }, count: { gt: 0 } }, data: { count: { decrement: 1 } } }),
  ]);
}
