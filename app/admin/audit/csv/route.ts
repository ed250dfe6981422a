import { NextResponse, type NextRequest } from 'next/server';
import { auditCsv, auditFilterSchema } from '@/lib/audit/audit-log';
import { authorizeRoute } from '@/lib/auth/session';

// The audit events the page's filter matches, as a CSV download.
export async function GET(request: NextRequest) {
  const access = await authorizeRoute('audit:read');
  if (access.denied) return access.denied;
  const filter = auditFilterSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!filter.success) return NextResponse.json({ error: filter.error.issues.map((i) => i.message).join('；') }, { status: 400 });
  const stamp = new Date().toISOString().slice(0, 19).replace(/\D/g, '');
  return new Response(await auditCsv(filter.data), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-${stamp}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
