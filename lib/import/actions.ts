'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { defineAction } from '@/lib/actions/define-action';
import { db } from '@/lib/db/client';
import { cancelUpload, confirmUpload, previewUpload, type ConfirmedUpload, type UploadPreview } from './stage-upload';

export type PreviewState = ActionResult<UploadPreview> | null;
export type ConfirmState = ActionResult<ConfirmedUpload> | null;
export type CancelState = ActionResult<{ stageId: string }> | null;

const stageIdSchema = z.string({ error: '预览编号无效' }).regex(/^[A-Za-z0-9_-]{32}$/, '预览编号无效');

const previewSchema = z.object({
  files: z.array(z.instanceof(File)).min(1, '请选择要导入的文件'),
  normalizePunctuation: z.boolean(),
});

const confirmSchema = z.object({
  stageId: stageIdSchema,
  force: z.array(z.coerce.number().int().min(0).max(1_000_000)).max(100_000),
});

/** Step 1: upload the files; nothing is imported, the preview says what would happen. */
export const previewImportAction = defineAction(
  'article:import',
  previewSchema,
  async ({ actor, input }) =>
    previewUpload(db, {
      actorId: actor.id,
      normalizePunctuation: input.normalizePunctuation,
      files: await Promise.all(input.files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))),
    }),
  {
    // An empty file input still posts one nameless, empty file.
    form: (formData) => ({
      files: formData.getAll('files').filter((f) => f instanceof File && f.name !== ''),
      normalizePunctuation: formData.get('normalizePunctuation') === 'on',
    }),
  },
);

/**
 * Step 2: import what was previewed (the staged bytes, re-checked on the server) in the
 * background, and show the batch's page, which follows its progress and then shows the report.
 */
export const confirmImportAction = defineAction(
  'article:import',
  confirmSchema,
  async ({ actor, input }): Promise<ConfirmedUpload> => {
    const { batchId } = await confirmUpload(db, { actorId: actor.id, ...input });
    redirect(`/admin/import/history/${batchId}`);
  },
  { form: (formData) => ({ stageId: formData.get('stageId'), force: formData.getAll('force') }) },
);

export const cancelImportAction = defineAction('article:import', z.object({ stageId: stageIdSchema }), async ({ actor, input }) =>
  cancelUpload(db, { actorId: actor.id, stageId: input.stageId }),
);
