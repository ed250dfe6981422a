import type { CurrentUser } from '@/lib/auth/session-types';
import { editInput } from '@/lib/articles/edit-input';
import { saveArticle } from '@/lib/articles/save-article';
import type { SaveArticleInput } from '@/lib/articles/schemas';
import { db } from '@/lib/db/client';
import { publishArticle, reviewArticle, submitForReview } from '@/lib/workflow/workflow';

/**
 * An edit of an article through the real workflow, as the benchmarks and audits need one: saved by
 * `editor`, submitted, approved by `reviewer` (four eyes) and published. Resolves once the publish
 * has committed.
 */
export async function publishEdit(
  editor: CurrentUser,
  reviewer: CurrentUser,
  articleId: string,
  change: (input: SaveArticleInput) => SaveArticleInput,
): Promise<void> {
  const { version } = await saveArticle(editor, change(await editInput(db, articleId)));
  await submitForReview({ actor: editor, articleId, version });
  await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '已核对' });
  await publishArticle({ actor: editor, articleId, version });
}
