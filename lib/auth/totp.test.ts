import { Secret, TOTP, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOTP_ISSUER, newTotpSecret, normalizeTotpCode, svgDataUrl, totpCodeAt, totpQrSvg, totpStep, totpUri, verifyTotp } from './totp';

// RFC 6238 appendix B, SHA-1: the ASCII secret "12345678901234567890", 8-digit codes.
const RFC_SECRET = Secret.fromLatin1('12345678901234567890').base32;
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
];

const STEP_MS = 30_000;
const T = 1_234_567_890_000; // inside step 41152263
const STEP = 41_152_263;

describe('RFC 6238 test vectors', () => {
  it('the secret is the base32 of the ASCII test key', () => {
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('otpauth reproduces the 8-digit vectors (the algorithm this module builds on)', () => {
    const secret = Secret.fromBase32(RFC_SECRET);
    for (const [seconds, code] of RFC_VECTORS) {
      expect(TOTP.generate({ secret, algorithm: 'SHA1', digits: 8, period: 30, timestamp: seconds * 1000 })).toBe(code);
    }
  });

  it('generates and accepts the 6-digit codes (the last six digits of the vectors)', () => {
    for (const [seconds, code] of RFC_VECTORS) {
      const now = seconds * 1000;
      const sixDigits = code.slice(-6);
      expect(totpCodeAt({ secret: RFC_SECRET, now })).toBe(sixDigits);
      expect(verifyTotp({ secret: RFC_SECRET, code: sixDigits, lastUsedStep: null, now })).toBe(Math.floor(seconds / 30));
    }
  });
});

describe('verifyTotp', () => {
  const code = totpCodeAt({ secret: RFC_SECRET, now: T }); // '005924'

  it('returns the matched step', () => {
    expect(totpStep(T)).toBe(STEP);
    expect(verifyTotp({ secret: RFC_SECRET, code, now: T })).toBe(STEP);
  });

  it('accepts a code one step early or late, and refuses two steps either way', () => {
    expect(verifyTotp({ secret: RFC_SECRET, code, now: T - STEP_MS })).toBe(STEP);
    expect(verifyTotp({ secret: RFC_SECRET, code, now: T + STEP_MS })).toBe(STEP);
    expect(verifyTotp({ secret: RFC_SECRET, code, now: T - 2 * STEP_MS })).toBeNull();
    expect(verifyTotp({ secret: RFC_SECRET, code, now: T + 2 * STEP_MS })).toBeNull();
  });

  it('refuses a replay of the last step used, or of an earlier one', () => {
    expect(verifyTotp({ secret: RFC_SECRET, code, lastUsedStep: STEP, now: T })).toBeNull();
    expect(verifyTotp({ secret: RFC_SECRET, code, lastUsedStep: STEP + 1, now: T })).toBeNull();
    expect(verifyTotp({ secret: RFC_SECRET, code, lastUsedStep: STEP - 1, now: T })).toBe(STEP);
    // After the current code was used, the previous step's code (still in the window) is refused.
    const previous = totpCodeAt({ secret: RFC_SECRET, now: T - STEP_MS });
    expect(verifyTotp({ secret: RFC_SECRET, code: previous, lastUsedStep: null, now: T })).toBe(STEP - 1);
    expect(verifyTotp({ secret: RFC_SECRET, code: previous, lastUsedStep: STEP, now: T })).toBeNull();
  });

  it('refuses a wrong code', () => {
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp({ secret: RFC_SECRET, code: wrong, now: T })).toBeNull();
  });

  it('tolerates spaces and full-width digits, and refuses anything but six digits', () => {
    expect(verifyTotp({ secret: RFC_SECRET, code: ` ${code.slice(0, 3)} ${code.slice(3)} `, now: T })).toBe(STEP);
    expect(verifyTotp({ secret: RFC_SECRET, code: '００５９２４', now: T })).toBe(STEP);
    for (const bad of ['', '05924', '0005924', '89005924', '00592a', '005-924', '+05924', '٠٠٥٩٢٤']) {
      expect(verifyTotp({ secret: RFC_SECRET, code: bad, now: T })).toBeNull();
    }
  });

  it('works with a freshly generated secret', () => {
    const secret = newTotpSecret();
    const now = Date.now();
    expect(verifyTotp({ secret, code: totpCodeAt({ secret, now }), now })).toBe(totpStep(now));
  });
});

describe('normalizeTotpCode', () => {
  it('drops whitespace (including the ideographic space) and folds full-width digits', () => {
    expect(normalizeTotpCode(' 123 456\n')).toBe('123456');
    expect(normalizeTotpCode('１２３\u3000４５６')).toBe('123456');
  });
});

describe('newTotpSecret', () => {
  it('is 160 bits of base32, different each time', () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(Secret.fromBase32(a).bytes).toHaveLength(20);
    expect(newTotpSecret()).not.toBe(a);
  });
});

describe('totpUri', () => {
  it('carries issuer, account, secret and the fixed parameters', () => {
    const uri = totpUri({ secret: RFC_SECRET, account: 'editor@example.com' });
    expect(uri.startsWith('otpauth://totp/')).toBe(true);
    expect(uri).toContain(`secret=${RFC_SECRET}`);
    expect(uri).toContain(`issuer=${encodeURIComponent(DEFAULT_TOTP_ISSUER)}`);
    expect(uri).toContain(encodeURIComponent('editor@example.com'));
    const parsed = URI.parse(uri);
    expect(parsed).toBeInstanceOf(TOTP);
    const totp = parsed as TOTP;
    expect(totp.issuer).toBe('保答 CMS');
    expect(totp.label).toBe('editor@example.com');
    expect(totp.secret.base32).toBe(RFC_SECRET);
    expect([totp.algorithm, totp.digits, totp.period]).toEqual(['SHA1', 6, 30]);
  });

  it('takes another issuer and refuses a secret that is not base32', () => {
    expect((URI.parse(totpUri({ secret: RFC_SECRET, account: 'a', issuer: '测试' })) as TOTP).issuer).toBe('测试');
    expect(() => totpUri({ secret: 'not base32!', account: 'a' })).toThrow();
  });
});

describe('totpQrSvg / svgDataUrl', () => {
  it('renders a standalone SVG that survives the data URL round trip', async () => {
    const svg = await totpQrSvg(totpUri({ secret: RFC_SECRET, account: 'editor@example.com' }));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).not.toMatch(/<script|<style|\son\w+=/i);
    const url = svgDataUrl(svg);
    const prefix = 'data:image/svg+xml;base64,';
    expect(url.startsWith(prefix)).toBe(true);
    expect(Buffer.from(url.slice(prefix.length), 'base64').toString('utf8')).toBe(svg);
  });
});
