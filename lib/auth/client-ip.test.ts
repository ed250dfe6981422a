import { describe, expect, it } from 'vitest';
import { clientIpFromHeaders, clientIpHeader, resolveClientIp, trustedProxyHops } from './client-ip';

describe('resolveClientIp', () => {
  it('uses the socket address when no proxy is trusted, whatever x-forwarded-for says', () => {
    expect(resolveClientIp('6.6.6.6', '203.0.113.9', 0)).toBe('203.0.113.9');
    expect(resolveClientIp(undefined, '203.0.113.9', 0)).toBe('203.0.113.9');
  });

  it('takes the address the first trusted proxy saw, ignoring hops the client prepended', () => {
    // client 203.0.113.9 → proxy 10.0.0.2 → proxy 10.0.0.1 → us
    expect(resolveClientIp('6.6.6.6, 203.0.113.9, 10.0.0.2', '10.0.0.1', 2)).toBe('203.0.113.9');
    expect(resolveClientIp('6.6.6.6, 203.0.113.9', '10.0.0.1', 1)).toBe('203.0.113.9');
  });

  it('trims whitespace and skips empty hops', () => {
    expect(resolveClientIp(' 6.6.6.6 ,, 203.0.113.9 , ', '10.0.0.1', 1)).toBe('203.0.113.9');
  });

  it('uses the earliest hop when there are fewer hops than trusted proxies', () => {
    expect(resolveClientIp('203.0.113.9', '10.0.0.1', 3)).toBe('203.0.113.9');
  });

  it('returns null when nothing is known', () => {
    expect(resolveClientIp(undefined, undefined, 0)).toBeNull();
    expect(resolveClientIp('', undefined, 1)).toBeNull();
  });
});

describe('trustedProxyHops', () => {
  it('reads a non-negative integer and treats anything else as 0', () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops('2')).toBe(2);
    for (const value of ['abc', '-1', '1.5']) expect(trustedProxyHops(value)).toBe(0);
  });
});

describe('clientIpFromHeaders', () => {
  it('reads only the header our server sets, never x-forwarded-for', () => {
    expect(clientIpFromHeaders(new Headers({ [clientIpHeader]: '203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientIpFromHeaders(new Headers({ 'x-forwarded-for': '6.6.6.6' }))).toBeNull();
  });
});
