'use server';

import { revalidatePath } from 'next/cache';
import { toActionResult, type ActionResult } from '@/lib/action-result';
import { authorize } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { importPages, type ImportReport } from './import-pages';

const maxUploadFiles = 500;

export type ImportState = ActionResult<ImportReport> | null;

export async function importUploadAction(_prev: ImportState, formData: FormData): Promise<ImportState> {
  return toActionResult(async () => {
    const actor = await authorize('article:import');
    const files = formData.getAll('files').filter((f): f is File => f instanceof File && f.name !== '');
    if (files.length === 0) throw new AppError('INVALID', '请选择要导入的文件');
    if (files.length > maxUploadFiles) throw new AppError('INVALID', `一次最多导入 ${maxUploadFiles} 个文件`);
    const report = await importPages(db, {
      actorId: actor.id,
      source: 'upload',
      files: await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))),
    });
    revalidatePath('/admin/articles');
    return report;
  });
}
