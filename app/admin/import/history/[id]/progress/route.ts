import { NextResponse } from 'next/server';
import { authorizeRoute } from '@/lib/auth/session';
import { batchIdSchema, getImportProgress } from '@/lib/import/history-queries';

// How far a background import has got, polled by the batch page's progress bar.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await authorizeRoute('article:import');
  if (access.denied) return access.denied;
  const id = batchIdSchema.safeParse((await params).id);
  const progress = id.success ? await getImportProgress(id.data) : null;
  if (!progress) return NextResponse.json({ error: '导入记录不存在' }, { status: 404 });
  return NextResponse.json(progress, { headers: { 'Cache-Control': 'no-store' } });
}
