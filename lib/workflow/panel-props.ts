import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas } from '@/lib/auth/permissions';
import type { Db } from '@/lib/db/client';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { canDeleteArticle, hasEditedUnpublishedChanges } from './policy';

/**
 * Which workflow buttons a person sees for an article (components/articles/workflow-panel.tsx).
 * Only what to offer: every action checks its rules again on the server.
 */
export async function workflowPanelProps(
  db: Db,
  user: CurrentUser,
  article: { id: string; version: number; status: ArticleStatus; createdById: string | null; publishedRevisionId: string | null },
) {
  const isLive = article.publishedRevisionId !== null;
  const canReview = roleHas(user.role, 'article:review') && article.status === 'IN_REVIEW';
  const editedByMe = canReview && (await hasEditedUnpublishedChanges(db, user.id, article.id));
  return {
    articleId: article.id,
    version: article.version,
    canSubmit: roleHas(user.role, 'article:submit') && (article.status === 'DRAFT' || article.status === 'CHANGES_REQUESTED'),
    canReview,
    reviewBlockedReason: editedByMe ? '你编辑过这个版本，需由其他审核员审核（四眼原则）。' : null,
    canPublish: roleHas(user.role, 'article:publish') && article.status === 'APPROVED',
    canUnpublish: roleHas(user.role, 'article:publish') && isLive,
    // The entry leads to a confirmation page (/admin/articles/<id>/trash) that says what it will do.
    canTrash: canDeleteArticle(user, article),
  };
}
