import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSecret, sealSecret } from './secret-box';

const PURPOSE = 'totp-secret';

afterEach(() => {
  vi.unstubAllEnvs();
});

// Replaces one base64url character of part `index` with a different one.
function tamper(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const part = parts[index]!;
  const first = part[0] === 'A' ? 'B' : 'A';
  parts[index] = first + part.slice(1);
  return parts.join('.');
}

describe('sealSecret / openSecret', () => {
  it('round-trips, including non-ASCII and empty values', () => {
    for (const plain of ['JBSWY3DPEHPK3PXP', '保答 CMS 秘密', '']) {
      expect(openSecret(sealSecret(plain, PURPOSE), PURPOSE)).toBe(plain);
    }
  });

  it('writes v1.<iv>.<tag>.<ciphertext> in base64url with a fresh IV each time', () => {
    const a = sealSecret('same', PURPOSE);
    const b = sealSecret('same', PURPOSE);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same');
  });

  it('refuses a value with any part altered', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', PURPOSE);
    for (const index of [1, 2, 3]) {
      expect(() => openSecret(tamper(sealed, index), PURPOSE)).toThrow(/secret-box/);
    }
  });

  it('refuses a changed version, a truncated tag and malformed input', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', PURPOSE);
    const [, iv, tag, ciphertext] = sealed.split('.');
    expect(() => openSecret(`v2.${iv}.${tag}.${ciphertext}`, PURPOSE)).toThrow(/malformed/);
    expect(() => openSecret(`v1.${iv}.${tag!.slice(0, 11)}.${ciphertext}`, PURPOSE)).toThrow(/malformed/);
    expect(() => openSecret(`v1.${iv}.${tag}!.${ciphertext}`, PURPOSE)).toThrow(/malformed/);
    expect(() => openSecret('JBSWY3DPEHPK3PXP', PURPOSE)).toThrow(/malformed/);
    expect(() => openSecret(`${sealed}.extra`, PURPOSE)).toThrow(/malformed/);
  });

  it('refuses a value sealed for another purpose', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', 'totp-secret');
    expect(() => openSecret(sealed, 'something-else')).toThrow(/failed authentication/);
  });

  it('refuses a value sealed under another AUTH_SECRET', () => {
    vi.stubEnv('AUTH_SECRET', 'first-secret-0123456789abcdef0123456789');
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', PURPOSE);
    vi.stubEnv('AUTH_SECRET', 'second-secret-0123456789abcdef012345678');
    expect(() => openSecret(sealed, PURPOSE)).toThrow(/failed authentication/);
  });

  it('throws a clear error when AUTH_SECRET is not set', () => {
    vi.stubEnv('AUTH_SECRET', '');
    expect(() => sealSecret('x', PURPOSE)).toThrow(/AUTH_SECRET is not set/);
  });
});
