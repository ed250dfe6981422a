import { NextResponse } from 'next/server';
import { authorizeRoute } from '@/lib/auth/session';
import { importBatchCsv } from '@/lib/import/history-csv';
import { batchIdSchema, getImportBatch } from '@/lib/import/history-queries';

// The outcome of every file of one import batch, as a CSV download.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await authorizeRoute('article:import');
  if (access.denied) return access.denied;
  const id = batchIdSchema.safeParse((await params).id);
  const batch = id.success ? await getImportBatch(id.data) : null;
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
