import { NextResponse } from 'next/server';
import { authorize } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { isAppError } from '@/lib/errors';
import { getImportProgress } from '@/lib/import/history-queries';

// How far a background import has got, polled by the batch page's progress bar.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await authorize('article:import');
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.message }, { status: error.code === 'UNAUTHENTICATED' ? 401 : 403 });
    throw error;
  }
  const { id } = await params;
  const progress = /^[a-z0-9]{1,40}$/.test(id) ? await getImportProgress(db, id) : null;
  if (!progress) return NextResponse.json({ error: '导入记录不存在' }, { status: 404 });
  return NextResponse.json(progress, { headers: { 'Cache-Control': 'no-store' } });
}
