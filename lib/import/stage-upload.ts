import { randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { sendImportJob } from '@/lib/jobs/queue';
import { regionPath } from '@/lib/regions/region-path';
import type { ImportFile } from './import-pages';
import { previewImport } from './preview-import';
import type { ImportPreview } from './results';
import { formatSize, MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, STAGE_TTL_MS } from './limits';

// The upload page imports in two steps: the editor uploads and sees a preview, then confirms or
// cancels. Between the two, the uploaded bytes wait server-side in ImportStage, under a random
// id that only the uploader can use, until confirmation, cancellation or expiry. Confirmation
// hands the stage to a new ImportBatch and queues it; a background job (import-job.ts) imports
// exactly those bytes (re-analysed and re-decided on the server: nothing parsed in the browser is
// trusted) while the batch page shows its progress. The browser sends back only the stage id and
// the conflicts to force.

export type UploadPreview = ImportPreview & {
  stageId: string;
  expiresAt: string;
  /** Display names of the suggested region codes, e.g. 440100 → 广东省 / 广州市. */
  regionNames: Record<string, string>;
};

export type ConfirmedUpload = { batchId: string; stageId: string };

export async function previewUpload(
  db: Db,
  input: { actorId: string; files: ImportFile[]; normalizePunctuation: boolean; now?: Date },
): Promise<UploadPreview> {
  checkUploadLimits(input.files);
  const now = input.now ?? new Date();
  // Uploads nobody confirmed are dropped here rather than by a scheduler.
  await db.importStage.deleteMany({ where: { expiresAt: { lte: now }, batchId: null } });
  const preview = await previewImport(db, { files: input.files, normalizePunctuation: input.normalizePunctuation });
  const stageId = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + STAGE_TTL_MS);
  await db.importStage.create({
    data: {
      id: stageId,
      userId: input.actorId,
      normalizePunctuation: input.normalizePunctuation,
      expiresAt,
      files: { create: input.files.map((file, position) => ({ position, name: file.name, bytes: Buffer.from(file.bytes) })) },
    },
  });
  const codes = new Set(preview.files.flatMap((f) => f.regions ?? []));
  const regionNames = Object.fromEntries([...codes].map((code) => [code, regionPath(code).join(' / ') || code]));
  return { ...preview, stageId, expiresAt: expiresAt.toISOString(), regionNames };
}

const stageGoneMessage = '这次预览已过期或已经导入，请重新选择文件上传。';

/**
 * Queues the import of a staged upload: creates its ImportBatch (queued) and hands the stage to
 * it in one transaction, then sends the job. Only one confirmation can claim a stage, so a double
 * submit imports once. `force` lists the positions of conflicts the editor chose to import anyway.
 */
export async function confirmUpload(db: Db, input: { actorId: string; stageId: string; force: number[]; now?: Date }): Promise<ConfirmedUpload> {
  const now = input.now ?? new Date();
  const claimable = { id: input.stageId, userId: input.actorId, expiresAt: { gt: now }, batchId: null };
  const batchId = await db.$transaction(async (tx) => {
    const stage = await tx.importStage.findFirst({ where: claimable, select: { normalizePunctuation: true } });
    if (!stage) throw new AppError('NOT_FOUND', stageGoneMessage);
    const batch = await tx.importBatch.create({
      data: { userId: input.actorId, source: 'upload', normalizePunctuation: stage.normalizePunctuation, status: 'QUEUED' },
      select: { id: true },
    });
    // The claim: a concurrent confirmation waits for this row and then finds it taken.
    const { count } = await tx.importStage.updateMany({ where: claimable, data: { batchId: batch.id, forcePositions: input.force } });
    if (count !== 1) throw new AppError('NOT_FOUND', stageGoneMessage);
    return batch.id;
  });
  try {
    await sendImportJob(batchId);
  } catch (error) {
    console.error(`import: queueing batch ${batchId} failed`, error);
    // Nothing was imported: the stage goes back to its preview, so that confirming again works.
    await db.$transaction([
      db.importStage.updateMany({ where: { batchId }, data: { batchId: null, forcePositions: [] } }),
      db.importBatch.delete({ where: { id: batchId } }),
    ]);
    throw new AppError('UNAVAILABLE', '后台导入服务暂时不可用，本次没有导入任何内容，请稍后再点“确认导入”。');
  }
  return { batchId, stageId: input.stageId };
}

/** Drops a preview; one already confirmed belongs to its import and stays. */
export async function cancelUpload(db: Db, input: { actorId: string; stageId: string }): Promise<{ stageId: string }> {
  await db.importStage.deleteMany({ where: { id: input.stageId, userId: input.actorId, batchId: null } });
  return { stageId: input.stageId };
}

function checkUploadLimits(files: ImportFile[]) {
  if (files.length === 0) throw new AppError('INVALID', '请选择要导入的文件');
  if (files.length > MAX_UPLOAD_FILES) throw new AppError('INVALID', `一次最多上传 ${MAX_UPLOAD_FILES} 个文件；更多页面请打包成 .zip 上传。`);
  const total = files.reduce((sum, f) => sum + f.bytes.length, 0);
  if (total > MAX_UPLOAD_BYTES)
    throw new AppError('INVALID', `所选文件共 ${formatSize(total)}，一次上传不能超过 ${formatSize(MAX_UPLOAD_BYTES)}，请分批上传。`);
}
