import { describe, expect, it } from 'vitest';
import { currentYearInChina, extractPolicyYears, isPolicyStale, policyYearPatternFrom } from './policy-years';
import { policyYearSamples } from '@/tests/fixtures/articles/policy-years-samples';

describe('extractPolicyYears', () => {
  it.each(policyYearSamples.map((s) => [s.text, s.years] as const))('%s → %j', (text, years) => {
    expect(extractPolicyYears(text)).toEqual(years);
  });

  it('reads 年度, 年 and dates written with 年 as policy years', () => {
    expect(extractPolicyYears('2024年度')).toEqual([2024]);
    expect(extractPolicyYears('2025年')).toEqual([2025]);
    expect(extractPolicyYears('2025年1月')).toEqual([2025]);
  });

  it('ignores amounts, phone numbers and the ISO dates of recommendation items', () => {
    expect(extractPolicyYears('个人缴费380元')).toEqual([]);
    expect(extractPolicyYears('电话 020-12345678')).toEqual([]);
    expect(extractPolicyYears('健康新闻 2025-04-17')).toEqual([]);
  });

  it('returns each year once, ascending', () => {
    expect(extractPolicyYears('2025年标准高于2024年,2025年起执行,2023年度')).toEqual([2023, 2024, 2025]);
  });

  it('is not confused by a previous call (no shared regex state)', () => {
    expect(extractPolicyYears('2024年')).toEqual([2024]);
    expect(extractPolicyYears('2024年')).toEqual([2024]);
  });
});

describe('policyYearPatternFrom', () => {
  it('matches policy years from the given year on, in the same forms', () => {
    const from2025 = new RegExp(policyYearPatternFrom(2025)!);
    expect(from2025.test('2024年度标准')).toBe(false);
    expect(from2025.test('2025年1月起')).toBe(true);
    expect(from2025.test('医保发〔2031〕3号')).toBe(true);
    expect(from2025.test('12025年')).toBe(false);
    expect(from2025.test('2025-04-17')).toBe(false);
  });

  it('has no pattern past the last year a policy year can be', () => {
    expect(policyYearPatternFrom(2100)).toBeNull();
    expect(policyYearPatternFrom(2099)).not.toBeNull();
  });
});

describe('staleness', () => {
  it('calls a page stale only when it states years and all are before the current year', () => {
    expect(isPolicyStale([2023, 2024], 2025)).toBe(true);
    expect(isPolicyStale([2024, 2025], 2025)).toBe(false);
    expect(isPolicyStale([], 2025)).toBe(false);
  });

  it('uses the calendar year in China', () => {
    // 2024-12-31 17:00 UTC is already 2025-01-01 01:00 in Shanghai.
    expect(currentYearInChina(new Date('2024-12-31T17:00:00Z'))).toBe(2025);
    expect(currentYearInChina(new Date('2024-12-31T15:00:00Z'))).toBe(2024);
  });
});
