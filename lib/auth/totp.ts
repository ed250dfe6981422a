import { HOTP, Secret, TOTP } from 'otpauth';
import { toString as qrToString } from 'qrcode';

// Time-based one-time passwords (RFC 6238) with the parameters every authenticator app
// supports: HMAC-SHA-1, 6 digits, 30-second steps. Apps ignore or mishandle other values, so
// they are fixed here rather than configurable.
const ALGORITHM = 'SHA1';
const DIGITS = 6;
const PERIOD_SECONDS = 30;
const SECRET_BYTES = 20; // 160 bits, the HMAC-SHA-1 block-size recommendation of RFC 4226
const TOTP_CODE = /^\d{6}$/;

export const DEFAULT_TOTP_ISSUER = '保答 CMS';

/** A new random TOTP secret, base32 (32 characters, 160 bits). */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The time step (RFC 6238's T) that contains `now` (milliseconds since the epoch). */
export function totpStep(now: number = Date.now()): number {
  return TOTP.counter({ period: PERIOD_SECONDS, timestamp: now });
}

/**
 * The otpauth:// key URI that authenticator apps import (by QR code or by hand). Throws if the
 * secret is not valid base32.
 */
export function totpUri({ secret, account, issuer = DEFAULT_TOTP_ISSUER }: { secret: string; account: string; issuer?: string }): string {
  return new TOTP({
    issuer,
    label: account,
    secret: Secret.fromBase32(secret),
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: PERIOD_SECONDS,
  }).toString();
}

/**
 * The QR code of `uri` as SVG markup (a standalone `<svg …>` element, no script or style).
 * Embed it with `svgDataUrl` in an <img>, so the page needs no inline SVG or relaxed CSP.
 */
export function totpQrSvg(uri: string): Promise<string> {
  return qrToString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, width: 200 });
}

/** `data:image/svg+xml;base64,…` for an <img src>; base64 avoids any escaping questions. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/**
 * What the user typed, reduced to the digits an app shows: NFKC turns full-width digits (typed
 * with a Chinese input method) into ASCII, and whitespace (apps display "123 456") is dropped.
 */
export function normalizeTotpCode(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '');
}

/** The code for the step containing `now`; for tests and tooling that act as the authenticator. */
export function totpCodeAt({ secret, now = Date.now() }: { secret: string; now?: number }): string {
  return HOTP.generate({ secret: Secret.fromBase32(secret), algorithm: ALGORITHM, digits: DIGITS, counter: totpStep(now) });
}

/**
 * Checks a code against the previous, current and next step (clock drift of up to 30 s either
 * way) and returns the step it matched, to be stored as the new `lastUsedStep`; null if the code
 * is malformed, wrong, or for a step at or before `lastUsedStep` (a replay, including an older
 * code captured alongside a newer one).
 */
export function verifyTotp({
  secret,
  code,
  lastUsedStep,
  now = Date.now(),
}: {
  secret: string;
  code: string;
  lastUsedStep?: number | null;
  now?: number;
}): number | null {
  const token = normalizeTotpCode(code);
  if (!TOTP_CODE.test(token)) return null;
  const key = Secret.fromBase32(secret);
  const current = totpStep(now);
  // Each step is checked on its own (rather than with otpauth's window) so that a step already
  // used is skipped instead of hiding a match on a later one. otpauth compares with
  // crypto.timingSafeEqual; window 0 checks exactly the given counter.
  for (const step of [current, current - 1, current + 1]) {
    if (lastUsedStep != null && step <= lastUsedStep) continue;
    const delta = HOTP.validate({ token, secret: key, algorithm: ALGORITHM, digits: DIGITS, counter: step, window: 0 });
    if (delta === 0) return step;
  }
  return null;
}
