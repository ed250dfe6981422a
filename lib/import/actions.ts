'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { toActionResult, type ActionResult } from '@/lib/action-result';
import { authorize } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { cancelUpload, confirmUpload, previewUpload, type ConfirmedUpload, type UploadPreview } from './stage-upload';

export type PreviewState = ActionResult<UploadPreview> | null;
export type ConfirmState = ActionResult<ConfirmedUpload> | null;
export type CancelState = ActionResult<{ stageId: string }> | null;

const stageIdSchema = z.string().regex(/^[A-Za-z0-9_-]{32}$/, '预览编号无效');

const confirmSchema = z.object({
  stageId: stageIdSchema,
  force: z.array(z.coerce.number().int().min(0).max(1_000_000)).max(100_000),
});

/** Step 1: upload the files; nothing is imported, the preview says what would happen. */
export async function previewImportAction(_prev: PreviewState, formData: FormData): Promise<PreviewState> {
  return toActionResult(async () => {
    const actor = await authorize('article:import');
    const files = formData.getAll('files').filter((f): f is File => f instanceof File && f.name !== '');
    if (files.length === 0) throw new AppError('INVALID', '请选择要导入的文件');
    return previewUpload(db, {
      actorId: actor.id,
      normalizePunctuation: formData.get('normalizePunctuation') === 'on',
      files: await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))),
    });
  });
}

/**
 * Step 2: import what was previewed (the staged bytes, re-checked on the server) in the
 * background, and show the batch's page, which follows its progress and then shows the report.
 */
export async function confirmImportAction(_prev: ConfirmState, formData: FormData): Promise<ConfirmState> {
  const result = await toActionResult(async () => {
    const actor = await authorize('article:import');
    const input = confirmSchema.safeParse({ stageId: formData.get('stageId'), force: formData.getAll('force') });
    if (!input.success) throw new AppError('INVALID', input.error.issues[0].message);
    return confirmUpload(db, { actorId: actor.id, ...input.data });
  });
  if (result.ok) redirect(`/admin/import/history/${result.data.batchId}`);
  return result;
}

export async function cancelImportAction(_prev: CancelState, formData: FormData): Promise<CancelState> {
  return toActionResult(async () => {
    const actor = await authorize('article:import');
    const stageId = stageIdSchema.safeParse(formData.get('stageId'));
    if (!stageId.success) throw new AppError('INVALID', '预览编号无效');
    return cancelUpload(db, { actorId: actor.id, stageId: stageId.data });
  });
}
