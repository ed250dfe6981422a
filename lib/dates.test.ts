import { describe, expect, it } from 'vitest';
import { formatDateTime, fromShanghaiDateTime, toShanghaiDateTime } from './dates';

describe('China time for entered date-times', () => {
  it('reads a datetime-local value as Asia/Shanghai time (UTC+8) and writes it back', () => {
    const instant = fromShanghaiDateTime('2026-12-05T08:30');
    expect(instant?.toISOString()).toBe('2026-12-05T00:30:00.000Z');
    expect(toShanghaiDateTime(instant!)).toBe('2026-12-05T08:30');
    expect(formatDateTime(instant!)).toBe('2026/12/05 08:30');
    // Just after midnight in China is the previous day in UTC.
    expect(fromShanghaiDateTime('2027-01-01T00:05:30')?.toISOString()).toBe('2026-12-31T16:05:30.000Z');
  });

  it('refuses what is not a real date and time', () => {
    for (const value of ['', '2026-02-30T08:00', '2026-12-05 08:30', '2026-12-05T24:00', '2026-12-05T08:60', '2026-12-05T08:30Z', 'tomorrow']) {
      expect(fromShanghaiDateTime(value)).toBeNull();
    }
  });
});
