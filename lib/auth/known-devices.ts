import type { Db, Tx } from '@/lib/db/client';
import { hashToken, newToken } from './tokens';

// Browsers that completed a sign-in to an account ("known devices"). The account-wide sign-in
// limit (lib/auth/throttle.ts) can be filled by anyone who knows the e-mail, from enough
// addresses; a known browser is not counted under it, so the owner still gets in. It is exempt
// from nothing else: the password, the second factor and the per-address limits all apply.
//
// The browser holds random tokens (256 bits each, one per account it signed in to, newest first)
// in one httpOnly cookie; the table keeps only their SHA-256, per user. A token is minted by the
// server after every factor checked out, never taken from the browser, so a cookie planted by
// someone else names no account. Ending all of a user's sessions (a password change or reset, an
// admin's 退出所有会话, deactivation, a role change) and an admin's reset of the second factor
// forget their browsers.

export const knownDeviceCookie = { name: 'baoda-device', path: '/login' } as const;
export const knownDeviceTtlMs = 365 * 24 * 60 * 60 * 1000;
/** Accounts one browser is remembered for: a shared office computer has a few. */
const tokensPerBrowser = 10;
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** The tokens a cookie value holds; anything malformed is ignored. */
export function readDeviceTokens(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split('.')
    .filter((token) => tokenPattern.test(token))
    .slice(0, tokensPerBrowser);
}

export function deviceCookieValue(tokens: string[]): string {
  return tokens.slice(0, tokensPerBrowser).join('.');
}

/** Whether one of the browser's tokens is a live known device of the account (an e-mail or a user id). */
export async function isKnownDevice(db: Db, account: { email: string } | { userId: string }, tokens: string[], now = new Date()): Promise<boolean> {
  if (tokens.length === 0) return false;
  const found = await db.knownDevice.findFirst({
    where: {
      id: { in: tokens.map(hashToken) },
      lastUsedAt: { gt: new Date(now.getTime() - knownDeviceTtlMs) },
      ...('userId' in account ? { userId: account.userId } : { user: { email: account.email.toLowerCase() } }),
    },
    select: { id: true },
  });
  return found !== null;
}

/**
 * After a complete sign-in: the browser's token for this account is renewed, or a new one is
 * minted. Returns the browser's tokens for its cookie, this account's first.
 */
export async function rememberDevice(db: Db, userId: string, tokens: string[], now = new Date()): Promise<string[]> {
  return db.$transaction(async (tx) => {
    await tx.knownDevice.deleteMany({ where: { userId, lastUsedAt: { lte: new Date(now.getTime() - knownDeviceTtlMs) } } });
    const presented = new Map(tokens.map((t) => [hashToken(t), t]));
    const known = await tx.knownDevice.findFirst({ where: { userId, id: { in: [...presented.keys()] } }, select: { id: true } });
    let token = known ? presented.get(known.id) : undefined;
    if (token) await tx.knownDevice.update({ where: { id: hashToken(token) }, data: { lastUsedAt: now } });
    else {
      token = newToken();
      await tx.knownDevice.create({ data: { id: hashToken(token), userId, createdAt: now, lastUsedAt: now } });
    }
    const current = token;
    return [current, ...tokens.filter((t) => t !== current)].slice(0, tokensPerBrowser);
  });
}

/** Every browser of the user is a stranger again; call inside the change's transaction. */
export async function forgetKnownDevices(tx: Tx, userId: string): Promise<number> {
  const { count } = await tx.knownDevice.deleteMany({ where: { userId } });
  return count;
}
