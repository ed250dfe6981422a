import type { Db } from '@/lib/db/client';
import { newId, type Sql } from '@/lib/db/sql';
import { resultFromItem, totalsOf, type ImportFileResult, type ImportItemRow } from './results';

// An ImportBatch's life: opened (or resumed), its progress recorded as chunks complete, each
// file's result stored as an ImportItem in the transaction that wrote the file, then finished or
// failed. The upload page's progress bar and history read these rows.

export type OpenedBatch = { batchId: string; done: ImportFileResult[] };

/**
 * The batch an import writes to, marked running: a new one, or the given queued one with the
 * results of the files an interrupted earlier run already imported into it.
 */
export async function openBatch(
  db: Db,
  options: { batchId?: string; actorId: string | null; source: 'upload' | 'cli' | 'seed'; normalizePunctuation: boolean; totalFiles: number },
): Promise<OpenedBatch> {
  const now = new Date();
  const { actorId, source, normalizePunctuation, totalFiles } = options;
  if (!options.batchId) {
    const batch = await db.importBatch.create({
      data: { userId: actorId, source, normalizePunctuation, status: 'RUNNING', totalFiles, startedAt: now },
      select: { id: true },
    });
    return { batchId: batch.id, done: [] };
  }
  const batch = await db.importBatch.findUniqueOrThrow({ where: { id: options.batchId }, select: { id: true, startedAt: true } });
  const items = await db.importItem.findMany({ where: { batchId: batch.id }, orderBy: [{ position: 'asc' }, { id: 'asc' }] });
  const done = [...new Map(items.map((item) => [item.position, resultFromItem(item)])).values()];
  await db.importBatch.update({
    where: { id: batch.id },
    data: { status: 'RUNNING', totalFiles, processedFiles: done.length, startedAt: batch.startedAt ?? now, error: null },
  });
  return { batchId: batch.id, done };
}

/** Records progress on the batch row (the upload's progress bar polls it), then tells the caller. */
export function progressRecorder(db: Db, batchId: string, onProgress?: (processed: number, total: number) => void | Promise<void>) {
  return async (processed: number, total: number): Promise<void> => {
    try {
      await db.importBatch.update({ where: { id: batchId }, data: { processedFiles: processed } });
      await onProgress?.(processed, total);
    } catch (error) {
      // Progress is for display; the import goes on without it.
      console.error('import: recording progress failed', error);
    }
  };
}

/** The files' results, in the transaction that wrote them. */
export async function recordItems(sql: Sql, batchId: string, rows: ImportItemRow[]): Promise<void> {
  await sql.insert(
    'ImportItem',
    ['id', 'batchId', ...itemColumns],
    rows.map((row) => [newId(), batchId, ...itemColumns.map((column) => row[column])]),
  );
}

const itemColumns = [
  'position',
  'fileName',
  'contentHash',
  'outcome',
  'articleId',
  'reason',
  'error',
  'title',
  'itemCount',
  'regionCodes',
  'warnings',
  'forced',
] as const satisfies readonly (keyof ImportItemRow)[];

export async function finishBatch(db: Db, batchId: string, files: ImportFileResult[]): Promise<void> {
  await db.importBatch.update({
    where: { id: batchId },
    data: { ...totalsOf(files), status: 'DONE', processedFiles: files.length, finishedAt: new Date(), error: null },
  });
}

export const interruptedMessage = '导入中途出错，已停止。表中列出已处理的文件；请重新导入，已导入的文件会显示为“未变”。';

/** A batch whose import threw: failed, unless it is a queued batch (its job fails or retries it, lib/import/import-job.ts). */
export async function failBatch(db: Db, batchId: string): Promise<void> {
  await db.importBatch
    .updateMany({ where: { id: batchId, status: 'RUNNING' }, data: { status: 'FAILED', error: interruptedMessage, finishedAt: new Date() } })
    .catch(() => {});
}
