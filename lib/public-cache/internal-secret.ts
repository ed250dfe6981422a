import { randomBytes, timingSafeEqual } from 'node:crypto';

// The expiry endpoint (app/api/internal/expire) is called only by its own server process
// (scripts/serve.ts reads the change feed and posts the tags), with a secret that process makes
// at start-up and keeps in its environment: nothing outside the process can know it.
export const internalSecretHeader = 'x-baoda-internal';

export function createInternalSecret(env: NodeJS.ProcessEnv = process.env): string {
  env.BAODA_INTERNAL_SECRET = randomBytes(32).toString('base64url');
  return env.BAODA_INTERNAL_SECRET;
}

export function isInternalRequest(headerValue: string | null, env: NodeJS.ProcessEnv = process.env): boolean {
  const secret = env.BAODA_INTERNAL_SECRET;
  if (!secret || !headerValue) return false;
  const a = Buffer.from(headerValue);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
