import type { Db } from '@/lib/db/client';
import { signInSchema } from './schemas';
import { dummyPasswordHash, verifyPassword } from './password';
import { clearAccountFailures, isThrottled, recordFailure } from './throttle';

export type AuthenticatedUser = { id: string; email: string; name: string; sessionVersion: number };
export type AuthenticationResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: 'invalid' | 'throttled' };

/** Checks an e-mail and password. Inactive accounts fail like wrong passwords (no account probing). */
export async function authenticate(db: Db, input: unknown, ip: string | null): Promise<AuthenticationResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const { email, password } = parsed.data;

  if (await isThrottled(db, email, ip)) return { ok: false, reason: 'throttled' };

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, sessionVersion: true, active: true, passwordHash: true },
  });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !user.active || !passwordOk) {
    await recordFailure(db, email, ip);
    return { ok: false, reason: 'invalid' };
  }
  await clearAccountFailures(db, email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
