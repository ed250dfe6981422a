import { randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { regionPath } from '@/lib/regions/region-path';
import { importPages, previewImport, type ImportFile, type ImportPreview, type ImportReport } from './import-pages';
import { formatSize, MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, STAGE_TTL_MS } from './limits';

// The upload page imports in two steps: the editor uploads and sees a preview, then confirms or
// cancels. Between the two, the uploaded bytes wait server-side in ImportStage, under a random
// id that only the uploader can use, until confirmation, cancellation or expiry. Confirmation
// imports exactly those bytes (re-analysed and re-decided on the server: nothing parsed in the
// browser is trusted); the browser sends back only the stage id and the conflicts to force.

export type UploadPreview = ImportPreview & {
  stageId: string;
  expiresAt: string;
  /** Display names of the suggested region codes, e.g. 440100 → 广东省 / 广州市. */
  regionNames: Record<string, string>;
};

export type UploadReport = ImportReport & { stageId: string };

export async function previewUpload(
  db: Db,
  input: { actorId: string; files: ImportFile[]; normalizePunctuation: boolean; now?: Date },
): Promise<UploadPreview> {
  checkUploadLimits(input.files);
  const now = input.now ?? new Date();
  // Uploads nobody confirmed are dropped here rather than by a scheduler.
  await db.importStage.deleteMany({ where: { expiresAt: { lte: now } } });
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

/**
 * Imports a staged upload. The stage is claimed (deleted) before importing, so a double submit
 * imports once; `force` lists the positions of conflicts the editor chose to import anyway.
 */
export async function confirmUpload(db: Db, input: { actorId: string; stageId: string; force: number[]; now?: Date }): Promise<UploadReport> {
  const now = input.now ?? new Date();
  const stage = await db.$transaction(async (tx) => {
    const found = await tx.importStage.findFirst({
      where: { id: input.stageId, userId: input.actorId, expiresAt: { gt: now } },
      include: { files: { orderBy: { position: 'asc' } } },
    });
    if (!found) return null;
    const { count } = await tx.importStage.deleteMany({ where: { id: found.id } });
    return count === 1 ? found : null;
  });
  if (!stage) throw new AppError('NOT_FOUND', '这次预览已过期或已经导入，请重新选择文件上传。');
  const report = await importPages(db, {
    actorId: input.actorId,
    source: 'upload',
    files: stage.files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })),
    normalizePunctuation: stage.normalizePunctuation,
    force: input.force,
  });
  return { ...report, stageId: stage.id };
}

export async function cancelUpload(db: Db, input: { actorId: string; stageId: string }): Promise<{ stageId: string }> {
  await db.importStage.deleteMany({ where: { id: input.stageId, userId: input.actorId } });
  return { stageId: input.stageId };
}

function checkUploadLimits(files: ImportFile[]) {
  if (files.length === 0) throw new AppError('INVALID', '请选择要导入的文件');
  if (files.length > MAX_UPLOAD_FILES) throw new AppError('INVALID', `一次最多上传 ${MAX_UPLOAD_FILES} 个文件；更多页面请打包成 .zip 上传。`);
  const total = files.reduce((sum, f) => sum + f.bytes.length, 0);
  if (total > MAX_UPLOAD_BYTES) throw new AppError('INVALID', `所选文件共 ${formatSize(total)}，一次上传不能超过 ${formatSize(MAX_UPLOAD_BYTES)}，请分批上传。`);
}
