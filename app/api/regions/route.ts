import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { authorize } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { regionPath } from '@/lib/regions/region-path';
import { searchRegions } from '@/lib/regions/search-regions';

// Region search for the admin pickers (by name, pinyin or initials).
export async function GET(request: NextRequest) {
  try {
    await authorize('admin:access');
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.message }, { status: 401 });
    throw error;
  }
  const q = z.string().trim().max(30).safeParse(request.nextUrl.searchParams.get('q') ?? '');
  if (!q.success) return NextResponse.json({ error: '查询过长' }, { status: 400 });
  const regions = searchRegions(q.data, 15).map((r) => ({ code: r.code, name: r.name, level: r.level, path: regionPath(r.code) }));
  return NextResponse.json({ regions });
}
