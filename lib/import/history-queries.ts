import { db } from '@/lib/db/client';
import { z } from 'zod';
import type { ImportBatchStatus } from '@/lib/generated/prisma/enums';
import type { ImportProgress } from './batch-progress';

export { isImportFinished, type ImportProgress } from './batch-progress';

/** A batch id as it arrives in a URL (a cuid). */
export const batchIdSchema = z.string().regex(/^[a-z0-9]{1,40}$/);

export const historyPageSize = 30;

export type ImportBatchRow = {
  id: string;
  createdAt: Date;
  source: string;
  userName: string | null;
  normalizePunctuation: boolean;
  status: ImportBatchStatus;
  processedFiles: number;
  totalFiles: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  conflicts: number;
};

/** Newest first, a page at a time. Every editor sees every batch: imports are shared work. */
export async function listImportBatches(page: number): Promise<{ rows: ImportBatchRow[]; total: number }> {
  const [batches, total] = await Promise.all([
    db.importBatch.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * historyPageSize,
      take: historyPageSize,
      include: { user: { select: { name: true } } },
    }),
    db.importBatch.count(),
  ]);
  const conflictCounts = await db.importItem.groupBy({
    by: ['batchId'],
    where: { batchId: { in: batches.map((b) => b.id) }, reason: 'CONFLICT' },
    _count: { _all: true },
  });
  const conflicts = new Map(conflictCounts.map((c) => [c.batchId, c._count._all]));
  return {
    rows: batches.map((b) => ({
      id: b.id,
      createdAt: b.createdAt,
      source: b.source,
      userName: b.user?.name ?? null,
      normalizePunctuation: b.normalizePunctuation,
      status: b.status,
      processedFiles: b.processedFiles,
      totalFiles: b.totalFiles,
      created: b.created,
      updated: b.updated,
      unchanged: b.unchanged,
      failed: b.failed,
      conflicts: conflicts.get(b.id) ?? 0,
    })),
    total,
  };
}

export async function getImportBatch(id: string) {
  return db.importBatch.findUnique({
    where: { id },
    include: {
      user: { select: { name: true, email: true } },
      items: { orderBy: [{ position: 'asc' }, { id: 'asc' }], include: { article: { select: { id: true, title: true, deletedAt: true } } } },
    },
  });
}

export type ImportBatchDetail = NonNullable<Awaited<ReturnType<typeof getImportBatch>>>;

/** What the batch page's progress bar polls while the batch is queued or running. */
export async function getImportProgress(id: string): Promise<ImportProgress | null> {
  return db.importBatch.findUnique({ where: { id }, select: { status: true, processedFiles: true, totalFiles: true, error: true } });
}

/** The batch's state in a few words, e.g. 导入中 12 / 50. */
export function importStatusLabel(batch: { status: ImportBatchStatus; processedFiles: number; totalFiles: number }): string {
  switch (batch.status) {
    case 'QUEUED':
      return '排队中';
    case 'RUNNING':
      return `导入中 ${batch.processedFiles} / ${batch.totalFiles}`;
    case 'DONE':
      return '完成';
    case 'FAILED':
      return '失败';
  }
}

export const sourceLabels: Record<string, string> = { upload: '上传', cli: '命令行', seed: '演示数据' };
