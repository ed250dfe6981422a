import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Authenticated encryption for small secrets kept in the database (the TOTP secret): a leaked
// backup or SQL dump alone must not yield working second factors.
//
// Format: `v1.<iv>.<tag>.<ciphertext>`, each part base64url. The version prefix lets a later
// scheme (or key rotation) coexist with rows sealed by this one.

const VERSION = 'v1';
const IV_BYTES = 12; // the GCM standard nonce size
const TAG_BYTES = 16; // full-length tag; shorter tags weaken forgery resistance
const KEY_BYTES = 32;
// A fixed, application-specific salt: AUTH_SECRET is already high-entropy, the salt only keeps
// these keys apart from anything else that might derive keys from the same secret.
const HKDF_SALT = 'baoda-cms/secret-box';

function authSecret(): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('secret-box: AUTH_SECRET is not set; it is needed to seal and open stored secrets');
  return secret;
}

// The purpose goes into HKDF's info, so a value sealed for one purpose cannot be opened (or
// swapped in) as another.
function deriveKey(purpose: string): Buffer {
  if (!purpose) throw new Error('secret-box: a purpose is required');
  return Buffer.from(hkdfSync('sha256', authSecret(), HKDF_SALT, `${VERSION}:${purpose}`, KEY_BYTES));
}

// Node's base64url decoder skips characters outside the alphabet and ignores trailing bits, so
// several strings decode to the same bytes: accept only the canonical encoding.
function decodePart(part: string | undefined, expectedBytes?: number): Buffer {
  const bytes = Buffer.from(part ?? '', 'base64url');
  const canonical = part !== undefined && bytes.toString('base64url') === part;
  if (!canonical || (expectedBytes !== undefined && bytes.length !== expectedBytes)) {
    throw new Error('secret-box: malformed sealed value');
  }
  return bytes;
}

/** Encrypts `plain` with AES-256-GCM under a key derived from AUTH_SECRET and `purpose`. */
export function sealSecret(plain: string, purpose: string): string {
  const key = deriveKey(purpose);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  // The version is authenticated too, so the prefix cannot be changed without detection.
  cipher.setAAD(Buffer.from(VERSION));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/**
 * Decrypts a value from sealSecret. Throws if it was altered, sealed for another purpose or
 * under another AUTH_SECRET, or is not a sealed value at all.
 */
export function openSecret(sealed: string, purpose: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new Error('secret-box: malformed sealed value');
  const iv = decodePart(parts[1], IV_BYTES);
  const tag = decodePart(parts[2], TAG_BYTES);
  const ciphertext = decodePart(parts[3]);
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(purpose), iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(VERSION));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    // Node's message ("Unsupported state or unable to authenticate data") says nothing useful.
    throw new Error('secret-box: the sealed value failed authentication (altered, wrong purpose or wrong AUTH_SECRET)');
  }
}
