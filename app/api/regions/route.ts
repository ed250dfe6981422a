import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { authorize } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { regionChildren } from '@/lib/regions/region-children';
import { regionPath } from '@/lib/regions/region-path';
import { searchRegions } from '@/lib/regions/search-regions';

// Regions for the admin pickers:
//   ?q=<text>        search by name, pinyin or initials ("gz" → 广州市)
//   ?parent=         the provinces (cascading picker, first level)
//   ?parent=<code>   the regions directly under a region: a province's cities (and, for
//                    municipalities and province-administered counties, its counties), a
//                    city's counties
export async function GET(request: NextRequest) {
  try {
    await authorize('admin:access');
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.message }, { status: 401 });
    throw error;
  }
  const params = request.nextUrl.searchParams;
  if (params.has('parent')) {
    const parent = z.union([z.literal(''), z.string().regex(/^\d{6}$/)]).safeParse(params.get('parent'));
    if (!parent.success) return NextResponse.json({ error: '地区代码无效' }, { status: 400 });
    const children = regionChildren(parent.data || null);
    if (!children) return NextResponse.json({ error: '地区不存在' }, { status: 404 });
    return NextResponse.json({ regions: children });
  }
  const q = z
    .string()
    .trim()
    .max(30)
    .safeParse(params.get('q') ?? '');
  if (!q.success) return NextResponse.json({ error: '查询过长' }, { status: 400 });
  const regions = searchRegions(q.data, 15).map((r) => ({ code: r.code, name: r.name, level: r.level, path: regionPath(r.code) }));
  return NextResponse.json({ regions });
}
