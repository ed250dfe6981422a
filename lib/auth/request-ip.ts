import 'server-only';
import { headers } from 'next/headers';
import { clientIpFromHeaders } from './client-ip';

export async function requestIp(): Promise<string | null> {
  return clientIpFromHeaders(await headers());
}
