import { recordAudit } from '@/lib/audit/record-audit';
import type { Db } from '@/lib/db/client';

// Sign-in attempts are counted before the password (or second-factor code) is checked, per key in
// a fixed window, by one conditional upsert per key: the upsert locks the key's row, so of any
// number of concurrent attempts exactly `limit` pass. The keys:
// - account + address: guesses from one address stop after 10 in 15 minutes, and they cannot lock
//   the real user out, who signs in from another address;
// - account alone, with a higher ceiling per hour (ASVS 2.2.1: at most 100 failures an hour), for
//   guessing spread over many addresses. A six-digit code is far easier to guess than a password,
//   so second factors get a ceiling of 20 an hour. Anyone can fill it, so it would lock the owner
//   out too: a browser that signed in to the account before (lib/auth/known-devices.ts) is not
//   counted under it, and an admin sees and lifts the lock (lib/auth/account-lock.ts);
// - address alone, for one address trying many accounts.
// The address is the socket's or a trusted proxy's (lib/auth/client-ip.ts), never client-chosen.
const minute = 60 * 1000;
export const throttleLimits = {
  perAccountAndAddress: { limit: 10, windowMs: 15 * minute },
  perAccount: { password: { limit: 100, windowMs: 60 * minute }, 'second-factor': { limit: 20, windowMs: 60 * minute } },
  perAddress: { limit: 50, windowMs: 15 * minute },
} as const;

export type ThrottleScope = 'password' | 'second-factor';
export const throttleScopes: readonly ThrottleScope[] = ['password', 'second-factor'];

/** Whose an account-wide key is, and the address of the attempt: what its lock's audit row says. */
export type AccountKey = { scope: ThrottleScope; account: string; ip: string | null };
export type ThrottleKey = { key: string; limit: number; windowMs: number; accountWide?: AccountKey };

/** `account` is the e-mail for passwords and the user id for second factors. */
export function accountThrottleKey(scope: ThrottleScope, account: string): string {
  return `${scope}:${account.toLowerCase()}`;
}

/**
 * The keys an attempt is counted under. From a known device (a browser that signed in to this
 * account before) the account-wide key is left out: the per-account-and-address and per-address
 * limits apply to it as to anyone. Without an address there are no such limits, so the
 * account-wide key stays.
 */
export function throttleKeys(scope: ThrottleScope, account: string, ip: string | null, options: { knownDevice?: boolean } = {}): ThrottleKey[] {
  const name = accountThrottleKey(scope, account);
  const exempt = options.knownDevice === true && ip !== null;
  return [
    ...(ip ? [{ key: `${name}|${ip}`, ...throttleLimits.perAccountAndAddress }] : []),
    ...(exempt ? [] : [{ key: name, ...throttleLimits.perAccount[scope], accountWide: { scope, account, ip } }]),
    ...(ip ? [{ key: `address:${ip}`, ...throttleLimits.perAddress }] : []),
  ];
}

class LimitReached extends Error {
  constructor(readonly refusedBy: ThrottleKey) {
    super('limit reached');
  }
}

/**
 * Counts one attempt under every key, or none if any key is at its limit: returns false then.
 * Keys are taken in a fixed order so that concurrent attempts never wait on each other in a cycle.
 */
export async function claimAttempt(db: Db, keys: ThrottleKey[], now = new Date()): Promise<boolean> {
  const ordered = [...keys].sort((a, b) => a.key.localeCompare(b.key));
  try {
    await db.$transaction(async (tx) => {
      for (const throttleKey of ordered) {
        const { key, limit, windowMs } = throttleKey;
        const since = new Date(now.getTime() - windowMs);
        const counted = await tx.$queryRaw<{ count: number }[]>`
          INSERT INTO "SignInCounter" ("key", "count", "windowStart") VALUES (${key}, 1, ${now})
          ON CONFLICT ("key") DO UPDATE SET
            "count" = CASE WHEN "SignInCounter"."windowStart" <= ${since} THEN 1 ELSE "SignInCounter"."count" + 1 END,
            "windowStart" = CASE WHEN "SignInCounter"."windowStart" <= ${since} THEN ${now} ELSE "SignInCounter"."windowStart" END,
            "lockedAt" = CASE WHEN "SignInCounter"."windowStart" <= ${since} THEN NULL ELSE "SignInCounter"."lockedAt" END
          WHERE "SignInCounter"."windowStart" <= ${since} OR "SignInCounter"."count" < ${limit}
          RETURNING "count"`;
        if (counted.length === 0) throw new LimitReached(throttleKey);
      }
    });
    return true;
  } catch (error) {
    if (!(error instanceof LimitReached)) throw error;
    if (error.refusedBy.accountWide) await recordLock(db, error.refusedBy, error.refusedBy.accountWide, now);
    return false;
  }
}

/**
 * The account-wide key refused an attempt: the account is locked (for everyone but its known
 * devices) until the window ends. Only the first refusal of a window marks the row and writes the
 * audit row; the conditional update makes that exactly one of any number of concurrent refusals.
 */
async function recordLock(db: Db, { key, windowMs }: ThrottleKey, { scope, account, ip }: AccountKey, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const marked = await tx.$queryRaw<{ windowStart: Date }[]>`
      UPDATE "SignInCounter" SET "lockedAt" = ${now}
      WHERE "key" = ${key} AND "lockedAt" IS NULL AND "windowStart" > ${new Date(now.getTime() - windowMs)}
      RETURNING "windowStart"`;
    if (marked.length === 0) return;
    // Password keys name the account by the e-mail typed, which may belong to nobody.
    const userId =
      scope === 'second-factor' ? account : ((await tx.user.findUnique({ where: { email: account.toLowerCase() }, select: { id: true } }))?.id ?? '');
    const until = new Date(marked[0].windowStart.getTime() + windowMs);
    await recordAudit(tx, {
      actorId: null,
      action: 'auth.account-locked',
      entityType: 'User',
      entityId: userId,
      summary: { scope, until: until.toISOString(), ...(scope === 'password' ? { email: account.toLowerCase() } : {}) },
      ip,
    });
  });
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
