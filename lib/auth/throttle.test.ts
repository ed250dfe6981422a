import { describe, expect, it } from 'vitest';
import { throttleKeys, throttleLimits } from './throttle';

describe('throttleKeys', () => {
  it('counts an attempt per account and address, per account and per address', () => {
    expect(throttleKeys('password', 'Wang@Test.local', '203.0.113.7')).toEqual([
      { key: 'password:wang@test.local|203.0.113.7', ...throttleLimits.perAccountAndAddress },
      {
        key: 'password:wang@test.local',
        ...throttleLimits.perAccount.password,
        accountWide: { scope: 'password', account: 'Wang@Test.local', ip: '203.0.113.7' },
      },
      { key: 'address:203.0.113.7', ...throttleLimits.perAddress },
    ]);
  });

  it('leaves out the account-wide key, and only that one, for a known device', () => {
    expect(throttleKeys('second-factor', 'user-1', '203.0.113.7', { knownDevice: true }).map((k) => k.key)).toEqual([
      'second-factor:user-1|203.0.113.7',
      'address:203.0.113.7',
    ]);
  });

  it('keeps the account-wide key when there is no address: it would be the only limit left', () => {
    expect(throttleKeys('password', 'wang@test.local', null, { knownDevice: true }).map((k) => k.key)).toEqual(['password:wang@test.local']);
  });
});
