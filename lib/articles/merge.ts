import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas } from '@/lib/auth/permissions';
import { bodyPlainText } from '@/lib/content/plain-text';
import { AppError } from '@/lib/errors';
import { diffVersions, type VersionDiff } from '@/lib/revisions/diff';
import { editorContentOf } from './editor-content';
import { getArticleForEdit } from './queries';
import type { ArticleFields } from './schemas';

// Merging on conflict: when an editor's save meets a newer version, they get that version's
// content next to theirs (field by field, the body as a diff) to choose from per field. The
// chosen result is then saved on the newer version, so nobody's change is overwritten unseen.

export type MergeBase = {
  version: number;
  updatedBy: string | null;
  theirs: ReturnType<typeof editorContentOf>;
  /** From the newer version to the editor's: what the editor would change. */
  diff: VersionDiff;
};

export async function loadMergeBase(actor: CurrentUser, articleId: string, mine: ArticleFields): Promise<MergeBase> {
  if (!roleHas(actor.role, 'article:edit')) throw new AppError('FORBIDDEN', '没有权限编辑文章');
  const article = await getArticleForEdit(articleId);
  if (!article) throw new AppError('NOT_FOUND', '文章不存在或已删除');
  const theirs = editorContentOf(article);
  const snapshot = (
    fields: MergeBase['theirs']['fields'],
    body: unknown,
    regions: { code: string; origin: 'AUTO' | 'MANUAL' }[],
    items: ArticleFields['recommendations'],
  ) => ({
    ...fields,
    contentDate: fields.contentDate || null,
    regions: regions.map((r) => ({ code: r.code, origin: r.origin, confidence: 1 })),
    plainText: bodyPlainText(body),
    body,
    recommendations: items.map((item) => ({ ...item, itemDate: item.itemDate || null })),
  });
  const diff = diffVersions(
    snapshot(theirs.fields, theirs.body, theirs.regions, theirs.items),
    snapshot(
      { title: mine.title, slug: mine.slug, summary: mine.summary, disclaimer: mine.disclaimer, contentDate: mine.contentDate },
      mine.body,
      mine.regions,
      mine.recommendations,
    ),
  );
  return { version: article.version, updatedBy: article.updatedBy?.name ?? null, theirs, diff };
}
