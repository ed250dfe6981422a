import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { expireTags } from '@/lib/public-cache/expire';
import { internalSecretHeader, isInternalRequest } from '@/lib/public-cache/internal-secret';

const bodySchema = z.object({ tags: z.array(z.string().min(1).max(256)).max(5000) });

// Expires public cache tags in this server. Called by this server process only (it reads the
// change feed: lib/public-cache/feed-consumer.ts), authorized by the secret only it knows; to
// anyone else the endpoint does not exist.
export async function POST(request: NextRequest) {
  if (!isInternalRequest(request.headers.get(internalSecretHeader))) return new NextResponse(null, { status: 404 });
  const body = bodySchema.safeParse(await request.json().catch(() => null));
  if (!body.success) return NextResponse.json({ error: 'invalid body' }, { status: 400 });
  expireTags(body.data.tags);
  return NextResponse.json({ expired: body.data.tags.length });
}
