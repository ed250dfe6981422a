// Sign-in throttling keys on the client address, so it must be one the client cannot choose.
// Next fills x-forwarded-for from the socket only when the header is absent, so a client could
// send its own. Our server (scripts/serve.ts) therefore resolves the address from the socket and
// the hops added by trusted reverse proxies, and passes it on in `clientIpHeader`, replacing any
// value the request carried.

export const clientIpHeader = 'x-baoda-client-ip';

/**
 * The address of whoever connected to the first trusted proxy. With no proxy in front
 * (trustedHops 0) it is the socket's address; each trusted proxy appends the address it saw, so
 * the client is `trustedHops` entries before the socket in [...x-forwarded-for, socket].
 */
export function resolveClientIp(forwardedFor: string | undefined, socketAddress: string | undefined, trustedHops: number): string | null {
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  if (socketAddress) hops.push(socketAddress);
  if (hops.length === 0) return null;
  return hops[Math.max(0, hops.length - 1 - trustedHops)];
}

/** A value that is not a non-negative integer counts as 0: a typo must not let clients pick their address. */
export function trustedProxyHops(value = process.env.TRUSTED_PROXY_HOPS): number {
  const hops = Number(value ?? 0);
  return Number.isInteger(hops) && hops >= 0 ? hops : 0;
}

export function clientIpFromHeaders(headers: Headers): string | null {
  return headers.get(clientIpHeader) || null;
}
