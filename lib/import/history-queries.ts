import type { Db } from '@/lib/db/client';

export const historyPageSize = 30;

export type ImportBatchRow = {
  id: string;
  createdAt: Date;
  source: string;
  userName: string | null;
  normalizePunctuation: boolean;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  conflicts: number;
};

/** Newest first, a page at a time. Every editor sees every batch: imports are shared work. */
export async function listImportBatches(db: Db, page: number): Promise<{ rows: ImportBatchRow[]; total: number }> {
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
      created: b.created,
      updated: b.updated,
      unchanged: b.unchanged,
      failed: b.failed,
      conflicts: conflicts.get(b.id) ?? 0,
    })),
    total,
  };
}

export async function getImportBatch(db: Db, id: string) {
  return db.importBatch.findUnique({
    where: { id },
    include: {
      user: { select: { name: true, email: true } },
      items: { orderBy: [{ position: 'asc' }, { id: 'asc' }], include: { article: { select: { id: true, title: true, deletedAt: true } } } },
    },
  });
}

export type ImportBatchDetail = NonNullable<Awaited<ReturnType<typeof getImportBatch>>>;

export const sourceLabels: Record<string, string> = { upload: '上传', cli: '命令行', seed: '演示数据' };
