import { NextResponse } from 'next/server';
import { authorize } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { isAppError } from '@/lib/errors';
import { importBatchCsv } from '@/lib/import/history-csv';
import { getImportBatch } from '@/lib/import/history-queries';

// The outcome of every file of one import batch, as a CSV download.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await authorize('article:import');
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.message }, { status: error.code === 'UNAUTHENTICATED' ? 401 : 403 });
    throw error;
  }
  const { id } = await params;
  const batch = /^[a-z0-9]{1,40}$/.test(id) ? await getImportBatch(db, id) : null;
  if (!batch) return NextResponse.json({ error: '导入记录不存在' }, { status: 404 });
  const stamp = batch.createdAt.toISOString().slice(0, 19).replace(/\D/g, '');
  const name = `import-${stamp}-${batch.id}.csv`;
  return new Response(importBatchCsv(batch), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    },
  });
}
