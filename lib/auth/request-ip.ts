import 'server-only';
import { headers } from 'next/headers';
import { clientIpFromHeaders } from './client-ip';
import type { ClientInfo } from './sessions';

export async function requestIp(): Promise<string | null> {
  return clientIpFromHeaders(await headers());
}

/** Who is making this request, as recorded on sign-in tickets and sessions. */
export async function requestClient(): Promise<ClientInfo> {
  const h = await headers();
  return { ip: clientIpFromHeaders(h), userAgent: h.get('user-agent') ?? '' };
}
