// The client address as seen by the nearest proxy we trust. `next start` appends the socket
// address as the last x-forwarded-for hop, so earlier hops (client-supplied) are ignored.
// Behind a reverse proxy, set TRUSTED_PROXY_HOPS to the number of proxies in front of Next.
export function clientIpFromHeaders(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for');
  if (!forwarded) return null;
  const hops = forwarded.split(',').map((h) => h.trim()).filter(Boolean);
  return hops[Math.max(0, hops.length - 1 - trustedProxyHops())] ?? null;
}

/** A value that is not a non-negative integer counts as 0: a typo must not disable address throttling. */
function trustedProxyHops(): number {
  const hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 0);
  return Number.isInteger(hops) && hops >= 0 ? hops : 0;
}
