import type { Db } from '@/lib/db/client';
import { importPages, type ImportFile, type ImportOptions } from './import-pages';
import type { ImportReport } from './results';

// The background half of an upload: stage-upload.ts's confirmUpload queues a batch with its
// staged files, and the job queue's worker (lib/jobs/workers.ts) runs runImportJob for it.

/** Shown on the batch page when the job gave up; the files done until then stay listed. */
export const importJobFailedMessage = '后台导入多次出错，已停止。下表列出已处理的文件；其余文件请重新上传导入，如仍失败请联系管理员查看服务器日志。';
export const stageMissingMessage = '待导入的文件已不在服务器上，无法导入，请重新上传。';

/**
 * Imports a queued batch's staged files into it, recording progress on the batch as files
 * complete, then deletes the staged bytes. A batch that already has results (an earlier attempt
 * was interrupted or failed) is resumed: importPages skips the files it recorded. Returns null
 * when there is nothing to do: the batch is gone or already finished (a repeated delivery).
 */
export function runImportJob(db: Db, batchId: string, options: JobOptions = {}): Promise<ImportReport | null> {
  // pg-boss retries a job that outlives its expiry even though its first handler is still
  // running; the retry then waits for that run here instead of importing the batch a second time.
  const current = runningImports.get(batchId);
  if (current) return current;
  const run = importStagedBatch(db, batchId, options).finally(() => runningImports.delete(batchId));
  runningImports.set(batchId, run);
  return run;
}

type JobOptions = Pick<ImportOptions, 'onProgress'>;
const runningImports = new Map<string, Promise<ImportReport | null>>();

async function importStagedBatch(db: Db, batchId: string, options: JobOptions): Promise<ImportReport | null> {
  const batch = await db.importBatch.findUnique({
    where: { id: batchId },
    select: {
      id: true,
      userId: true,
      status: true,
      normalizePunctuation: true,
      stage: { select: { id: true, forcePositions: true } },
    },
  });
  if (!batch) return null;
  if (batch.status === 'DONE' || batch.status === 'FAILED') {
    // A repeated delivery after the run finished but before its stage was deleted.
    await db.importStage.deleteMany({ where: { batchId } });
    return null;
  }
  if (!batch.stage) {
    // Retrying cannot bring the files back.
    await markImportFailed(db, batchId, stageMissingMessage);
    return null;
  }
  const report = await importPages(db, {
    batchId,
    actorId: batch.userId,
    source: 'upload',
    files: await readStagedFiles(db, batch.stage.id),
    normalizePunctuation: batch.normalizePunctuation,
    force: batch.stage.forcePositions,
    ...options,
  });
  await db.importStage.deleteMany({ where: { id: batch.stage.id } });
  return report;
}

// Staged bytes are read a piece at a time: a row of tens of MB read whole arrives as hex text twice
// its size, several transient copies of a batch's archives (about 5× their size at the peak).
const STAGED_PIECE_BYTES = 1024 * 1024;

/** A stage's files in their order (the job's input), each read into one buffer of its own size. */
export async function readStagedFiles(db: Db, stageId: string): Promise<ImportFile[]> {
  const files = await db.$queryRaw<{ id: string; name: string; size: number }[]>`
    SELECT id, name, octet_length(bytes) AS size FROM "ImportStageFile" WHERE "stageId" = ${stageId} ORDER BY position`;
  const read: ImportFile[] = [];
  for (const file of files) {
    const bytes = Buffer.allocUnsafe(file.size);
    for (let at = 0; at < file.size; at += STAGED_PIECE_BYTES) {
      const [row] = await db.$queryRaw<{ piece: string }[]>`
        SELECT encode(substring(bytes FROM ${at + 1}::int FOR ${STAGED_PIECE_BYTES}::int), 'base64') AS piece FROM "ImportStageFile" WHERE id = ${file.id}`;
      bytes.write(row.piece, at, 'base64');
    }
    read.push({ name: file.name, bytes });
  }
  return read;
}

/**
 * After an attempt threw: the batch waits for pg-boss's retry (queued again), or, after the last
 * attempt, is failed with `message` and its staged files are deleted (nobody can retry it).
 */
export async function recordImportAttemptFailed(db: Db, batchId: string, options: { lastAttempt: boolean; message?: string }): Promise<void> {
  if (options.lastAttempt) {
    await markImportFailed(db, batchId, options.message ?? importJobFailedMessage);
    return;
  }
  await db.importBatch.updateMany({ where: { id: batchId, status: { in: ['QUEUED', 'RUNNING'] } }, data: { status: 'QUEUED' } });
}

/**
 * Ends a batch that is not finished as failed, with the totals of the files it did import; a
 * finished one keeps its outcome.
 */
export async function markImportFailed(db: Db, batchId: string, message: string): Promise<void> {
  const counts = await db.importItem.groupBy({ by: ['outcome'], where: { batchId }, _count: { _all: true } });
  const count = (outcome: string) => counts.find((c) => c.outcome === outcome)?._count._all ?? 0;
  const totals = { created: count('CREATED'), updated: count('UPDATED'), unchanged: count('UNCHANGED'), failed: count('FAILED') };
  await db.$transaction([
    db.importBatch.updateMany({
      where: { id: batchId, status: { in: ['QUEUED', 'RUNNING'] } },
      data: {
        status: 'FAILED',
        error: message,
        finishedAt: new Date(),
        ...totals,
        processedFiles: totals.created + totals.updated + totals.unchanged + totals.failed,
      },
    }),
    db.importStage.deleteMany({ where: { batchId } }),
  ]);
}
