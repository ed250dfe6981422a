import { createHash, randomBytes } from 'node:crypto';

// Tokens handed to a browser (session ids, sign-in tickets, password links) are 256 random bits.
// Tables store only the SHA-256 of those a leaked row must not be able to replay.
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
