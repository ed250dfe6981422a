import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientIpFromHeaders } from './client-ip';

function headersWith(forwarded?: string): Headers {
  return new Headers(forwarded === undefined ? {} : { 'x-forwarded-for': forwarded });
}

describe('clientIpFromHeaders', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('returns null without an x-forwarded-for header', () => {
    expect(clientIpFromHeaders(headersWith())).toBeNull();
    expect(clientIpFromHeaders(headersWith(''))).toBeNull();
  });

  it('takes the last hop (the socket address next start appends), ignoring client-supplied ones', () => {
    vi.stubEnv('TRUSTED_PROXY_HOPS', undefined);
    expect(clientIpFromHeaders(headersWith('1.1.1.1, 2.2.2.2, 10.0.0.7'))).toBe('10.0.0.7');
    expect(clientIpFromHeaders(headersWith('203.0.113.9'))).toBe('203.0.113.9');
  });

  it('trims whitespace and skips empty hops', () => {
    vi.stubEnv('TRUSTED_PROXY_HOPS', '0');
    expect(clientIpFromHeaders(headersWith(' 1.1.1.1 ,, 10.0.0.7 , '))).toBe('10.0.0.7');
  });

  it('skips as many hops from the end as TRUSTED_PROXY_HOPS says', () => {
    vi.stubEnv('TRUSTED_PROXY_HOPS', '1');
    expect(clientIpFromHeaders(headersWith('6.6.6.6, 203.0.113.9, 10.0.0.1'))).toBe('203.0.113.9');
    vi.stubEnv('TRUSTED_PROXY_HOPS', '2');
    expect(clientIpFromHeaders(headersWith('6.6.6.6, 203.0.113.9, 10.0.0.2, 10.0.0.1'))).toBe('203.0.113.9');
  });

  it('uses the first hop when there are fewer hops than trusted proxies', () => {
    vi.stubEnv('TRUSTED_PROXY_HOPS', '3');
    expect(clientIpFromHeaders(headersWith('203.0.113.9, 10.0.0.1'))).toBe('203.0.113.9');
  });

  it('falls back to the last hop when TRUSTED_PROXY_HOPS is not a non-negative integer', () => {
    for (const value of ['abc', '-1', '1.5']) {
      vi.stubEnv('TRUSTED_PROXY_HOPS', value);
      expect(clientIpFromHeaders(headersWith('6.6.6.6, 10.0.0.7'))).toBe('10.0.0.7');
    }
  });
});
