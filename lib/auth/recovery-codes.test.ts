import { describe, expect, it } from 'vitest';
import { RECOVERY_CODE_ALPHABET, generateRecoveryCodes, hashRecoveryCode, isWellFormedRecoveryCode, normalizeRecoveryCode } from './recovery-codes';

describe('generateRecoveryCodes', () => {
  it('returns ten distinct XXXXX-XXXXX codes by default', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
  });

  it('honours the count and never uses confusable characters', () => {
    const codes = generateRecoveryCodes(500);
    expect(new Set(codes).size).toBe(500);
    const used = new Set(codes.join('').replaceAll('-', ''));
    for (const char of '0O1IL') expect(used.has(char)).toBe(false);
    // 5,000 draws from 31 symbols: every symbol shows up, i.e. the whole alphabet is in use.
    expect(used.size).toBe(RECOVERY_CODE_ALPHABET.length);
  });

  it('uses an alphabet of 31 unambiguous symbols', () => {
    expect(RECOVERY_CODE_ALPHABET).toHaveLength(31);
    expect(new Set(RECOVERY_CODE_ALPHABET).size).toBe(31);
    expect(RECOVERY_CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });
});

describe('normalizeRecoveryCode / hashRecoveryCode', () => {
  it('drops spaces and dashes and upper-cases, including full-width input', () => {
    expect(normalizeRecoveryCode(' abcde-fgh23 ')).toBe('ABCDEFGH23');
    expect(normalizeRecoveryCode('AB CDE - FGH 23')).toBe('ABCDEFGH23');
    expect(normalizeRecoveryCode('ａｂｃｄｅ－ｆｇｈ２３')).toBe('ABCDEFGH23');
  });

  it('hashes every spelling of a code alike, as SHA-256 hex', () => {
    const [code] = generateRecoveryCodes(1);
    const hash = hashRecoveryCode(code!);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(code!.toLowerCase())).toBe(hash);
    expect(hashRecoveryCode(code!.replace('-', ''))).toBe(hash);
    expect(hashRecoveryCode(` ${code!.slice(0, 3)} ${code!.slice(3).toLowerCase()} `)).toBe(hash);
    expect(hashRecoveryCode('ABCDE-FGH22')).not.toBe(hashRecoveryCode('ABCDE-FGH23'));
  });

  it('matches a known SHA-256 value', () => {
    // sha256("ABCDEFGH23")
    expect(hashRecoveryCode('abcde-fgh23')).toBe('17190666e16f8d07ca35531be8ac05a695b08ec80bc1ef7303ebf76bba91be49');
  });

  it('tells well-formed codes from junk', () => {
    for (const code of generateRecoveryCodes(20)) expect(isWellFormedRecoveryCode(normalizeRecoveryCode(code))).toBe(true);
    expect(isWellFormedRecoveryCode('ABCDEFGH2')).toBe(false);
    expect(isWellFormedRecoveryCode('ABCDEFGH0O')).toBe(false);
    expect(isWellFormedRecoveryCode('ABCDEFGH2I')).toBe(false);
    expect(isWellFormedRecoveryCode('')).toBe(false);
  });
});
