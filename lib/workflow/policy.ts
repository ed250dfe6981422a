import type { Tx } from '@/lib/db/client';
import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas } from '@/lib/auth/permissions';
import type { ArticleStatus, ScheduledAction } from '@/lib/generated/prisma/enums';

// Rules that depend on the article, on top of the role table in lib/auth/permissions.ts.

/** Four eyes: nobody reviews a version they edited (any revision since the live one). */
export async function hasEditedUnpublishedChanges(tx: Tx, userId: string, articleId: string): Promise<boolean> {
  const article = await tx.article.findUniqueOrThrow({
    where: { id: articleId },
    select: { publishedRevision: { select: { articleVersion: true } } },
  });
  const since = article.publishedRevision?.articleVersion ?? 0;
  const count = await tx.revision.count({ where: { articleId, authorId: userId, articleVersion: { gt: since } } });
  return count > 0;
}

/**
 * Who may move an article to the trash: editors their own drafts that are not live; admins
 * anything (a live article is unpublished on the way, lib/trash/move-to-trash.ts).
 */
export function canDeleteArticle(user: CurrentUser, article: { createdById: string | null; status: string; publishedRevisionId: string | null }): boolean {
  if (roleHas(user.role, 'article:delete-any')) return true;
  return (
    roleHas(user.role, 'article:delete-own-draft') &&
    article.createdById === user.id &&
    article.publishedRevisionId === null &&
    (article.status === 'DRAFT' || article.status === 'CHANGES_REQUESTED')
  );
}

/**
 * Who may take an article out of the trash: admins any; an editor what they moved there
 * themselves, which can only be a draft of their own (the undo of canDeleteArticle).
 */
export function canRestoreArticle(user: CurrentUser, article: { createdById: string | null; deletedById: string | null }): boolean {
  if (roleHas(user.role, 'article:restore')) return true;
  return roleHas(user.role, 'article:delete-own-draft') && article.createdById === user.id && article.deletedById === user.id;
}

type WorkflowTarget = { status: ArticleStatus; publishedRevisionId: string | null };

/** Only an approved version goes live (now or at a time), by whoever may publish. */
export function canPublishArticle(user: CurrentUser, article: WorkflowTarget): boolean {
  return roleHas(user.role, 'article:publish') && article.status === 'APPROVED';
}

/** A live page can be taken down (now or at a time) by whoever may publish. */
export function canUnpublishArticle(user: CurrentUser, article: WorkflowTarget): boolean {
  return roleHas(user.role, 'article:publish') && article.publishedRevisionId !== null;
}

/** Scheduling is the same decision as the action it schedules, taken in advance (lib/schedule). */
export function canScheduleArticle(user: CurrentUser, article: WorkflowTarget, action: ScheduledAction): boolean {
  return action === 'PUBLISH' ? canPublishArticle(user, article) : canUnpublishArticle(user, article);
}
