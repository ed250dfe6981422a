import { createHash, randomInt } from 'node:crypto';

// Single-use recovery codes for when the authenticator is lost. They are read off paper and
// typed by hand, so the alphabet leaves out characters that are easily confused (0/O, 1/I/L)
// and input is forgiving about case, spaces and dashes.
export const RECOVERY_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const GROUP_LENGTH = 5;
const GROUPS = 2;
export const RECOVERY_CODE_LENGTH = GROUP_LENGTH * GROUPS;
// 10 characters from 31 symbols: log2(31) × 10 ≈ 49.5 bits per code.

function randomGroup(): string {
  let group = '';
  for (let i = 0; i < GROUP_LENGTH; i++) group += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
  return group;
}

function randomCode(): string {
  return Array.from({ length: GROUPS }, randomGroup).join('-');
}

/** `count` distinct codes, formatted for display as `XXXXX-XXXXX`. */
export function generateRecoveryCodes(count = 10): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(randomCode());
  return [...codes];
}

/**
 * The canonical form that is hashed: NFKC (full-width input from a Chinese input method becomes
 * ASCII), upper case, without whitespace or dashes.
 */
export function normalizeRecoveryCode(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s-]+/g, '');
}

/** Whether a normalized code could have been issued; lets callers skip a lookup for junk. */
export function isWellFormedRecoveryCode(normalized: string): boolean {
  if (normalized.length !== RECOVERY_CODE_LENGTH) return false;
  return [...normalized].every((char) => RECOVERY_CODE_ALPHABET.includes(char));
}

/**
 * SHA-256 (hex) of the normalized code, for storage and lookup. A fast unsalted hash is
 * appropriate here, unlike for passwords: the codes are uniformly random (~49.5 bits), so there
 * is no dictionary to try and a salt or slow hash would buy little; being deterministic, a code
 * is found with an indexed equality lookup. Online guessing is bounded by sign-in throttling.
 */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex');
}
