import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import type { ImportFailure } from './reasons';

/** What the importer needs to know about the article a file maps to. */
export type ExistingArticle = {
  id: string;
  status: ArticleStatus;
  version: number;
  /** The version the last import wrote; null for an article that was never imported. */
  importedVersion: number | null;
  deletedAt: Date | null;
  /** Compared with the incoming file's hash: equal means importing changes nothing. */
  matchHash: string | null;
};

export type ImportDecision =
  | { action: 'create' }
  | { action: 'update'; existing: ExistingArticle; forced: boolean }
  | { action: 'unchanged'; articleId: string }
  | { action: 'fail'; articleId: string; failure: ImportFailure; canForce: boolean };

export const conflictMessage =
  '冲突：这篇文章在上次导入后已被编辑修改过。为保护编辑的工作，本次没有覆盖；如确需用此文件的内容，请勾选“仍然导入为新版本”（命令行：--force），编辑的版本保留在修订历史中。';

/**
 * The one place that decides what importing a file does to the article it maps to. The preview
 * (dry run) and the real import both call it (the real import inside the file's transaction, on
 * the row it has just read), so a preview shows exactly what a confirmation would do unless the
 * article changes in between.
 *
 * A published version is never touched by any of these: an update writes the working copy only.
 */
export function decideImport(hash: string, existing: ExistingArticle | null, options: { force: boolean }): ImportDecision {
  if (!existing) return { action: 'create' };
  if (existing.deletedAt) {
    return {
      action: 'fail',
      articleId: existing.id,
      canForce: false,
      failure: { reason: 'DELETED', message: '对应的文章已被删除（在回收站中），请先恢复后再导入。' },
    };
  }
  if (existing.matchHash === hash) return { action: 'unchanged', articleId: existing.id };
  const editedSinceImport = existing.importedVersion !== existing.version;
  if (editedSinceImport && !options.force) {
    return { action: 'fail', articleId: existing.id, canForce: true, failure: { reason: 'CONFLICT', message: conflictMessage } };
  }
  return { action: 'update', existing, forced: editedSinceImport };
}
