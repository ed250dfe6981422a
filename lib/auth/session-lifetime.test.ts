import { describe, expect, it } from 'vitest';
import { isSessionAlive, sessionLifetime } from './session-lifetime';

const hour = 60 * 60 * 1000;

describe('sessionLifetime', () => {
  it('defaults to 8 hours idle and 7 days absolute', () => {
    expect(sessionLifetime({})).toEqual({ idleMs: 8 * hour, absoluteMs: 7 * 24 * hour });
  });

  it('reads the settings, fractions included', () => {
    expect(sessionLifetime({ SESSION_IDLE_HOURS: '0.5', SESSION_ABSOLUTE_DAYS: '1' })).toEqual({ idleMs: hour / 2, absoluteMs: 24 * hour });
  });

  it('falls back to the default for values that would mean "never" or nonsense', () => {
    for (const value of ['', '0', '-3', 'abc', 'Infinity']) {
      expect(sessionLifetime({ SESSION_IDLE_HOURS: value, SESSION_ABSOLUTE_DAYS: value })).toEqual({ idleMs: 8 * hour, absoluteMs: 7 * 24 * hour });
    }
  });
});

describe('isSessionAlive', () => {
  const lifetime = { idleMs: 8 * hour, absoluteMs: 7 * 24 * hour };
  const start = new Date('2026-11-27T00:00:00Z');
  const at = (ms: number) => new Date(start.getTime() + ms);

  it('ends a session idle for the idle lifetime', () => {
    expect(isSessionAlive({ createdAt: start, lastSeenAt: start }, at(8 * hour - 1), lifetime)).toBe(true);
    expect(isSessionAlive({ createdAt: start, lastSeenAt: start }, at(8 * hour), lifetime)).toBe(false);
  });

  it('ends a busy session at the absolute lifetime', () => {
    const now = at(7 * 24 * hour);
    expect(isSessionAlive({ createdAt: start, lastSeenAt: at(7 * 24 * hour - 1000) }, now, lifetime)).toBe(false);
    expect(isSessionAlive({ createdAt: start, lastSeenAt: at(7 * 24 * hour - 1000) }, at(7 * 24 * hour - 1), lifetime)).toBe(true);
  });
});
