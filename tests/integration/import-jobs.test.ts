import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db/client';
import { importJobFailedMessage, readStagedFiles, runImportJob, stageMissingMessage } from '@/lib/import/import-job';
import { importPages } from '@/lib/import/import-pages';
import { cancelUpload, confirmUpload, previewUpload } from '@/lib/import/stage-upload';
import { STAGE_TTL_MS } from '@/lib/import/limits';
import { importQueue, importQueueOptions, sendImportJob, stopJobQueue } from '@/lib/jobs/queue';
import { startWorkers } from '@/lib/jobs/workers';
import { makeUser, resetDatabase } from './helpers';

// Confirmed uploads are imported in the background: confirming queues one pg-boss job for a new
// batch; the worker imports it while recording progress; a job interrupted by a dead process
// resumes and ends as a clean run would; a job that keeps failing marks its batch failed.

const encode = (text: string) => new TextEncoder().encode(text);

function pageText(title: string, paragraph: string): string {
  return `${title}\n\n${paragraph}\n\n提示:本内容不能代替面诊,如有不适请尽快就医。\n相关推荐\n\n杭州医保报销比例\n\n报销比例因医院等级而不同。\n\n健康新闻 2025-05-08\n`;
}

/** Pages with distinct titles, plus what real batches hold: a copy, a clash and a broken file. */
function batchFiles(count: number) {
  const files = Array.from({ length: count }, (_, i) => ({
    name: `page-${i}.txt`,
    bytes: encode(pageText(`后台导入测试第${i}个问题怎么办理`, `第${i}段正文,说明办理流程。`)),
  }));
  files.splice(2, 0, { name: 'copy-of-0.txt', bytes: files[0].bytes });
  files.splice(5, 0, { name: 'clash-with-1.txt', bytes: encode(pageText('后台导入测试第1个问题怎么办理', '内容不同的同一问题。')) });
  files.splice(7, 0, { name: 'empty.txt', bytes: new Uint8Array() });
  return files;
}

async function queueBatch(actorId: string, files: { name: string; bytes: Uint8Array }[]) {
  const preview = await previewUpload(db, { actorId, normalizePunctuation: true, files });
  return confirmUpload(db, { actorId, stageId: preview.stageId, force: [] });
}

async function jobsOf(batchId: string) {
  return db.$queryRaw<{ state: string; retry_count: number }[]>`
    SELECT state::text, retry_count FROM pgboss.job WHERE name = ${importQueue} AND data->>'batchId' = ${batchId}`;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const batchRow = (id: string) => db.importBatch.findUniqueOrThrow({ where: { id } });

/** Makes the database refuse to mark any batch DONE, so that every import attempt throws at its end. */
async function refuseToFinishBatches() {
  await db.$executeRawUnsafe(`
    CREATE FUNCTION refuse_done() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'import test: refusing to finish'; END $$`);
  await db.$executeRawUnsafe(`
    CREATE TRIGGER refuse_done BEFORE UPDATE ON "ImportBatch"
    FOR EACH ROW WHEN (NEW.status = 'DONE') EXECUTE FUNCTION refuse_done()`);
}

async function allowBatchesToFinish() {
  await db.$executeRawUnsafe('DROP TRIGGER IF EXISTS refuse_done ON "ImportBatch"');
  await db.$executeRawUnsafe('DROP FUNCTION IF EXISTS refuse_done()');
}

/** Everything an import writes, with ids replaced by the articles' sourceKeys. */
async function snapshot(batchId: string) {
  const articles = await db.article.findMany({
    orderBy: { sourceKey: 'asc' },
    include: { revisions: { orderBy: { articleVersion: 'asc' } }, regions: { orderBy: { regionCode: 'asc' } } },
  });
  const key = new Map(articles.map((a) => [a.id, a.sourceKey]));
  const batch = await db.importBatch.findUniqueOrThrow({ where: { id: batchId }, include: { items: { orderBy: { position: 'asc' } } } });
  const audits = await db.auditEvent.findMany({ orderBy: { id: 'asc' } });
  return {
    articles: articles.map((a) => ({
      sourceKey: a.sourceKey,
      title: a.title,
      slug: a.slug,
      status: a.status,
      version: a.version,
      plainText: a.plainText,
      revisions: a.revisions.map((r) => [r.articleVersion, r.title]),
      regions: a.regions.map((r) => r.regionCode),
    })),
    batch: {
      status: batch.status,
      totals: [batch.created, batch.updated, batch.unchanged, batch.failed],
      progress: [batch.processedFiles, batch.totalFiles],
      error: batch.error,
    },
    items: batch.items.map((i) => [i.position, i.fileName, i.outcome, i.reason, i.title, i.warnings, i.articleId ? key.get(i.articleId) : null]),
    audits: audits.map((e) => [e.action, e.entityType, key.get(e.entityId) ?? 'not an article']),
    stages: await db.importStage.count(),
  };
}

beforeEach(resetDatabase);
afterAll(async () => {
  await stopJobQueue();
  await db.$disconnect();
});

describe('confirming an upload', () => {
  it('queues one job for a new batch; a double submit, even a simultaneous one, queues nothing more', async () => {
    const editor = await makeUser('EDITOR');
    const preview = await previewUpload(db, { actorId: editor.id, normalizePunctuation: false, files: batchFiles(3) });
    const input = { actorId: editor.id, stageId: preview.stageId, force: [1] };
    const results = await Promise.allSettled([confirmUpload(db, input), confirmUpload(db, input)]);
    const confirmed = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(confirmed).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { message: expect.stringMatching(/已过期或已经导入/) } });
    await expect(confirmUpload(db, input)).rejects.toThrow(/已过期或已经导入/);

    const { batchId } = confirmed[0];
    expect(await db.importBatch.count()).toBe(1);
    expect(await batchRow(batchId)).toMatchObject({
      userId: editor.id,
      source: 'upload',
      status: 'QUEUED',
      normalizePunctuation: false,
      processedFiles: 0,
      created: 0,
    });
    expect(await jobsOf(batchId)).toEqual([{ state: 'created', retry_count: 0 }]);
    // The staged bytes now belong to the job: cancelling and the expiry sweep leave them alone.
    expect(await db.importStage.findUniqueOrThrow({ where: { id: preview.stageId } })).toMatchObject({ batchId, forcePositions: [1] });
    await cancelUpload(db, { actorId: editor.id, stageId: preview.stageId });
    await previewUpload(db, { actorId: editor.id, normalizePunctuation: true, files: batchFiles(1), now: new Date(Date.now() + STAGE_TTL_MS + 1000) });
    expect(await db.importStage.findUnique({ where: { id: preview.stageId } })).not.toBeNull();
    expect(await db.article.count()).toBe(0);
  });

  it('hands the preview back when the job cannot be queued, so that confirming again works', async () => {
    const editor = await makeUser('EDITOR');
    const preview = await previewUpload(db, { actorId: editor.id, normalizePunctuation: true, files: batchFiles(2) });
    const input = { actorId: editor.id, stageId: preview.stageId, force: [] };
    // The queue's database does not answer (nothing listens on port 9 of this machine).
    await stopJobQueue();
    const databaseUrl = process.env.DATABASE_URL!;
    process.env.DATABASE_URL = 'postgresql://postgres@127.0.0.1:9/none';
    try {
      await expect(confirmUpload(db, input)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/没有导入任何内容/) });
    } finally {
      process.env.DATABASE_URL = databaseUrl;
    }
    expect(await db.importBatch.count()).toBe(0);
    expect(await db.importStage.findUniqueOrThrow({ where: { id: preview.stageId } })).toMatchObject({ batchId: null });

    const { batchId } = await confirmUpload(db, input);
    expect(await jobsOf(batchId)).toEqual([{ state: 'created', retry_count: 0 }]);
  });

  it('imports through its job, recording progress on the batch as chunks complete', async () => {
    const editor = await makeUser('EDITOR');
    const files = batchFiles(5);
    const { batchId } = await queueBatch(editor.id, files);
    const seen: [number, number, number][] = [];
    const report = await runImportJob(db, batchId, {
      onProgress: async (processed, total) => {
        // The batch row says the same by the time the caller hears of it.
        seen.push([processed, total, (await batchRow(batchId)).processedFiles]);
      },
    });
    // Eight files (five pages, a duplicate, two refused) fit in one chunk.
    expect(seen).toEqual([[8, 8, 8]]);
    expect(report?.totals).toEqual({ created: 5, updated: 0, unchanged: 1, failed: 2 });
    const batch = await batchRow(batchId);
    expect(batch).toMatchObject({ status: 'DONE', totalFiles: 8, processedFiles: 8, created: 5, unchanged: 1, failed: 2, error: null });
    expect(batch.startedAt).not.toBeNull();
    expect(batch.finishedAt!.getTime()).toBeGreaterThanOrEqual(batch.startedAt!.getTime());
    expect(await db.importStage.count()).toBe(0);
    // A repeated delivery of the job finds the batch finished and does nothing.
    expect(await runImportJob(db, batchId)).toBeNull();
    expect(await db.importItem.count()).toBe(8);
  });

  it('imports a batch once when its job is delivered again while the first run is still going', async () => {
    const editor = await makeUser('EDITOR');
    const { batchId } = await queueBatch(editor.id, batchFiles(5));
    // As when pg-boss hands out an expired job again: the second delivery arrives mid-import.
    const [first, second] = await Promise.all([runImportJob(db, batchId), runImportJob(db, batchId)]);
    expect(second).toBe(first);
    expect(first?.totals).toEqual({ created: 5, updated: 0, unchanged: 1, failed: 2 });
    expect(await db.importItem.count({ where: { batchId } })).toBe(8);
    expect(await db.article.count()).toBe(5);
  });

  it('marks a batch it opened itself (the CLI) failed when the import stops on an error', async () => {
    await refuseToFinishBatches();
    try {
      await expect(importPages(db, { actorId: null, source: 'cli', files: batchFiles(2) })).rejects.toThrow(/refusing to finish/);
      const batch = await db.importBatch.findFirstOrThrow();
      expect(batch.status).toBe('FAILED');
      expect(batch.error).toMatch(/中途出错/);
    } finally {
      await allowBatchesToFinish();
    }
  });

  it('records progress chunk by chunk on the chunked path', async () => {
    const editor = await makeUser('EDITOR');
    const { batchId } = await queueBatch(editor.id, batchFiles(7));
    const seen: number[][] = [];
    vi.stubEnv('IMPORT_CHUNK_FILES', '4');
    try {
      await runImportJob(db, batchId, { onProgress: (processed, total) => void seen.push([processed, total]) });
    } finally {
      vi.unstubAllEnvs();
    }
    expect(seen).toEqual([
      [4, 10],
      [8, 10],
      [10, 10],
    ]);
    expect(await batchRow(batchId)).toMatchObject({ status: 'DONE', processedFiles: 10, totalFiles: 10, created: 7, unchanged: 1, failed: 2 });
  });
});

describe('the staged files', () => {
  it('are read back byte for byte and in order, a large one in pieces', async () => {
    const editor = await makeUser('EDITOR');
    // 2.5 MB: three pieces, the last one partial. Random bytes, so no piece looks like another.
    const files = [
      { name: 'large.zip', bytes: randomBytes(2.5 * 1024 * 1024) },
      { name: 'empty.txt', bytes: new Uint8Array() },
      { name: 'small.txt', bytes: encode('小文件') },
    ];
    const stage = await db.importStage.create({
      data: {
        id: 'read-back-stage',
        userId: editor.id,
        expiresAt: new Date(Date.now() + STAGE_TTL_MS),
        files: { create: files.map((file, position) => ({ position, name: file.name, bytes: Buffer.from(file.bytes) })) },
      },
    });
    const read = await readStagedFiles(db, stage.id);
    expect(read.map((f) => f.name)).toEqual(['large.zip', 'empty.txt', 'small.txt']);
    for (const [i, file] of read.entries()) expect(Buffer.from(file.bytes).equals(Buffer.from(files[i].bytes))).toBe(true);
  });
});

describe('a job interrupted by a dead process', () => {
  const run = promisify(execFile);

  // SIGKILL right after `killAfter` files, in a process of its own, then the retried job here.
  async function killDuringImport(batchId: string, killAfter: number) {
    const args = ['tests/fixtures/import/kill-during-import.ts', batchId, String(killAfter)];
    // Node itself with tsx as a loader (not the tsx wrapper), so that the signal reaches us as is.
    const outcome = await run(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env } }).then(
      () => null,
      (error: { signal?: string | null }) => error.signal,
    );
    expect(outcome).toBe('SIGKILL');
  }

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  for (const path of [
    { name: 'file by file', chunkSize: 1, killAfter: 4 },
    { name: 'in chunks', chunkSize: 3, killAfter: 6 },
  ]) {
    it(`resumes ${path.name} and ends exactly as a clean run does`, async () => {
      vi.stubEnv('IMPORT_CHUNK_FILES', String(path.chunkSize));
      const options = {};
      const editor = await makeUser('EDITOR');
      const clean = await queueBatch(editor.id, batchFiles(9));
      await runImportJob(db, clean.batchId, options);
      const expected = await snapshot(clean.batchId);
      expect(expected.items).toHaveLength(12);

      await resetDatabase();
      const again = await makeUser('EDITOR');
      const killed = await queueBatch(again.id, batchFiles(9));
      await killDuringImport(killed.batchId, path.killAfter);
      expect(await db.importItem.count({ where: { batchId: killed.batchId } })).toBe(path.killAfter);
      expect(await batchRow(killed.batchId)).toMatchObject({ status: 'RUNNING', processedFiles: path.killAfter, totalFiles: 12 });

      await runImportJob(db, killed.batchId, options);
      expect(await snapshot(killed.batchId)).toEqual(expected);
    });
  }
});

describe('the worker', () => {
  beforeAll(async () => {
    await startWorkers(db);
  });

  it('picks up a confirmed upload and imports it', async () => {
    const editor = await makeUser('EDITOR');
    const { batchId } = await queueBatch(editor.id, batchFiles(4));
    const batch = await waitFor(
      () => batchRow(batchId),
      (b) => b.status === 'DONE',
    );
    expect(batch).toMatchObject({ status: 'DONE', totalFiles: 7, processedFiles: 7, created: 4, unchanged: 1, failed: 2 });
    expect(
      await waitFor(
        () => jobsOf(batchId),
        (jobs) => jobs[0]?.state === 'completed',
      ),
    ).toEqual([{ state: 'completed', retry_count: 0 }]);
    expect(await db.importStage.count()).toBe(0);
  });

  it('fails a batch whose staged files are gone, without retrying', async () => {
    const editor = await makeUser('EDITOR');
    const { id: batchId } = await db.importBatch.create({ data: { userId: editor.id, source: 'upload', status: 'QUEUED' } });
    await sendImportJob(batchId);
    const batch = await waitFor(
      () => batchRow(batchId),
      (b) => b.status === 'FAILED',
    );
    expect(batch).toMatchObject({ status: 'FAILED', error: stageMissingMessage });
    expect(
      await waitFor(
        () => jobsOf(batchId),
        (jobs) => jobs[0]?.state === 'completed',
      ),
    ).toEqual([{ state: 'completed', retry_count: 0 }]);
  });

  it('retries a failing job, resuming each time, and marks the batch failed after the last attempt', async () => {
    const editor = await makeUser('EDITOR');
    // The database refuses to finish this batch: every attempt imports what is left, then throws.
    await refuseToFinishBatches();
    try {
      const { batchId } = await queueBatch(editor.id, batchFiles(3));
      const batch = await waitFor(
        () => batchRow(batchId),
        (b) => b.status === 'FAILED',
        25_000,
      );
      expect(batch).toMatchObject({ status: 'FAILED', error: importJobFailedMessage, processedFiles: 6, created: 3, unchanged: 1, failed: 2 });
      // The handler fails the batch before it rethrows; pg-boss records the job's end just after.
      expect(
        await waitFor(
          () => jobsOf(batchId),
          (jobs) => jobs[0]?.state !== 'active',
        ),
      ).toEqual([{ state: 'failed', retry_count: importQueueOptions.retryLimit }]);
      // Each retry resumed: every file was imported once.
      expect(await db.importItem.count({ where: { batchId } })).toBe(6);
      expect(await db.article.count()).toBe(3);
      expect(await db.importStage.count()).toBe(0);
    } finally {
      await allowBatchesToFinish();
    }
  }, 40_000);
});
