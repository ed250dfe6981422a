import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { MAX_UPLOAD_FILES, STAGE_TTL_MS } from '@/lib/import/limits';
import { runImportJob } from '@/lib/import/import-job';
import { cancelUpload, confirmUpload, previewUpload } from '@/lib/import/stage-upload';
import { stopJobQueue } from '@/lib/jobs/queue';
import { makeZip } from '../fixtures/import/zip-tools';
import { makeUser, resetDatabase, samplePage } from './helpers';

// The upload page's preview → confirm: bytes wait server-side, tied to their uploader, expire,
// and are imported once, exactly as previewed. Confirming queues a background job; here its
// handler is run directly (import-jobs.test.ts runs it through the queue's worker).

const page000 = '000_f9d22c9b16a877c9.txt';
const page001 = '001_09de7306f3693664.txt';

beforeEach(resetDatabase);
afterAll(async () => {
  await stopJobQueue();
  await db.$disconnect();
});

/** Confirms a preview and runs the import job it queued, as the server's worker would. */
async function confirmAndImport(input: Parameters<typeof confirmUpload>[1]) {
  const { batchId } = await confirmUpload(db, input);
  const report = await runImportJob(db, batchId);
  if (!report) throw new Error(`batch ${batchId} was not imported`);
  return report;
}

async function contentCounts() {
  const [articles, batches, items, audits] = await Promise.all([db.article.count(), db.importBatch.count(), db.importItem.count(), db.auditEvent.count()]);
  return { articles, batches, items, audits };
}

describe('preview and confirm on the upload page', () => {
  it('previews a zip and loose files without importing, then imports exactly that on confirm', async () => {
    const editor = await makeUser('EDITOR');
    const p0 = await samplePage(page000);
    const zip = makeZip({ 'batch/a.txt': (await samplePage(page001)).bytes, 'batch/notes.docx': 'x' });
    const before = await contentCounts();
    const preview = await previewUpload(db, { actorId: editor.id, normalizePunctuation: true, files: [p0, { name: 'pages.zip', bytes: zip }] });
    expect(preview.stageId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(preview.files.map((f) => [f.position, f.file, f.outcome, f.reason ?? null, f.title ?? null, f.itemCount ?? null])).toEqual([
      [0, page000, 'created', null, '居民医保只能一年一交吗', 20],
      [1, 'pages.zip/batch/a.txt', 'created', null, '居民医保不能断吗', 20],
      [2, 'pages.zip/batch/notes.docx', 'failed', 'NOT_TEXT', null, null],
    ]);
    expect(await contentCounts()).toEqual(before);
    expect(await db.importStage.count()).toBe(1);

    const report = await confirmAndImport({ actorId: editor.id, stageId: preview.stageId, force: [] });
    expect(report.files.map((f) => [f.file, f.outcome])).toEqual(preview.files.map((f) => [f.file, f.outcome]));
    expect(await db.importBatch.findUniqueOrThrow({ where: { id: report.batchId } })).toMatchObject({
      userId: editor.id,
      source: 'upload',
      normalizePunctuation: true,
      status: 'DONE',
      created: 2,
      failed: 1,
      totalFiles: 3,
      processedFiles: 3,
    });
    expect(await db.importStage.count()).toBe(0);
    expect(await db.importStageFile.count()).toBe(0);

    // A second confirmation (double click, replay) imports nothing.
    await expect(confirmUpload(db, { actorId: editor.id, stageId: preview.stageId, force: [] })).rejects.toThrow(/已过期或已经导入/);
    expect(await db.importBatch.count()).toBe(1);
  });

  it('records the punctuation option chosen at upload on the batch', async () => {
    const editor = await makeUser('EDITOR');
    const preview = await previewUpload(db, { actorId: editor.id, normalizePunctuation: false, files: [await samplePage(page000)] });
    expect(preview.normalizePunctuation).toBe(false);
    const report = await confirmAndImport({ actorId: editor.id, stageId: preview.stageId, force: [] });
    expect(await db.importBatch.findUniqueOrThrow({ where: { id: report.batchId } })).toMatchObject({ normalizePunctuation: false });
    const article = await db.article.findUniqueOrThrow({ where: { id: report.files[0].articleId! } });
    expect(article.plainText).toContain('具有以下特点:');
  });

  it('lets only the uploader confirm, and only before the preview expires', async () => {
    const editor = await makeUser('EDITOR');
    const other = await makeUser('EDITOR');
    const preview = await previewUpload(db, { actorId: editor.id, normalizePunctuation: true, files: [await samplePage(page000)] });
    await expect(confirmUpload(db, { actorId: other.id, stageId: preview.stageId, force: [] })).rejects.toBeInstanceOf(AppError);
    const late = new Date(Date.now() + STAGE_TTL_MS + 1000);
    await expect(confirmUpload(db, { actorId: editor.id, stageId: preview.stageId, force: [], now: late })).rejects.toThrow(/已过期/);
    expect(await db.importBatch.count()).toBe(0);
    // Still there for its owner in time; an expired stage is swept by the next upload.
    await previewUpload(db, { actorId: other.id, normalizePunctuation: true, files: [await samplePage(page001)], now: late });
    expect(await db.importStage.findUnique({ where: { id: preview.stageId } })).toBeNull();
  });

  it('cancels: the staged bytes are deleted and nothing is imported', async () => {
    const editor = await makeUser('EDITOR');
    const preview = await previewUpload(db, { actorId: editor.id, normalizePunctuation: true, files: [await samplePage(page000)] });
    await cancelUpload(db, { actorId: editor.id, stageId: preview.stageId });
    expect(await db.importStage.count()).toBe(0);
    await expect(confirmUpload(db, { actorId: editor.id, stageId: preview.stageId, force: [] })).rejects.toThrow();
    expect(await db.article.count()).toBe(0);
  });

  it('imports a previewed conflict only when its box was ticked', async () => {
    const editor = await makeUser('EDITOR');
    const first = await confirmAndImport({
      actorId: editor.id,
      stageId: (await previewUpload(db, { actorId: editor.id, normalizePunctuation: true, files: [await samplePage(page000)] })).stageId,
      force: [],
    });
    const articleId = first.files[0].articleId!;
    await db.article.update({ where: { id: articleId }, data: { title: '编辑改的', version: { increment: 1 } } });
    const changed = {
      name: 'again.txt',
      bytes: new TextEncoder().encode(new TextDecoder().decode((await samplePage(page000)).bytes).replace('具有以下特点', '具有如下特点')),
    };

    const preview = await previewUpload(db, { actorId: editor.id, normalizePunctuation: true, files: [changed] });
    expect(preview.files[0]).toMatchObject({ outcome: 'failed', reason: 'CONFLICT', canForce: true, articleId });
    const unticked = await confirmAndImport({ actorId: editor.id, stageId: preview.stageId, force: [] });
    expect(unticked.files[0]).toMatchObject({ outcome: 'failed', reason: 'CONFLICT' });

    const again = await previewUpload(db, { actorId: editor.id, normalizePunctuation: true, files: [changed] });
    const ticked = await confirmAndImport({ actorId: editor.id, stageId: again.stageId, force: [0] });
    expect(ticked.files[0]).toMatchObject({ outcome: 'updated', forced: true, articleId });
  });

  it('refuses NDJSON exports and too many files at the upload', async () => {
    const editor = await makeUser('EDITOR');
    const preview = await previewUpload(db, {
      actorId: editor.id,
      normalizePunctuation: true,
      files: [{ name: 'all.ndjson', bytes: new TextEncoder().encode('{"format":"baoda-articles","version":1}\n') }],
    });
    expect(preview.files[0]).toMatchObject({ outcome: 'failed', reason: 'NOT_TEXT' });
    const many = Array.from({ length: MAX_UPLOAD_FILES + 1 }, (_, i) => ({ name: `${i}.txt`, bytes: new Uint8Array([65]) }));
    await expect(previewUpload(db, { actorId: editor.id, normalizePunctuation: true, files: many })).rejects.toThrow(/最多上传/);
  });
});
