import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { formatDateTime, toShanghaiDateTime } from '@/lib/dates';
import type { ArticleStatus, ScheduledAction } from '@/lib/generated/prisma/enums';
import { scheduleProblem } from '@/lib/schedule/schedule-state';
import { canDeleteArticle, canPublishArticle, canUnpublishArticle, hasEditedUnpublishedChanges } from './policy';

type PanelArticle = {
  id: string;
  version: number;
  status: ArticleStatus;
  createdById: string | null;
  publishedRevisionId: string | null;
  scheduledAt: Date | null;
  scheduledAction: ScheduledAction | null;
  scheduledVersion: number | null;
  scheduledById: string | null;
};

/** An article's pending schedule as the panel shows it. */
export type PanelSchedule = {
  action: ScheduledAction;
  /** China time, for reading ("2026/12/05 08:30") and for the field ("2026-12-05T08:30"). */
  runAtText: string;
  runAtValue: string;
  version: number | null;
  scheduledBy: string | null;
  /** Why it will not run as it says (edited since …), or null. */
  problem: string | null;
};

/**
 * Which workflow buttons a person sees for an article (components/articles/workflow-panel.tsx).
 * Only what to offer: every action checks its rules again on the server.
 */
export async function workflowPanelProps(user: CurrentUser, article: PanelArticle) {
  const canReview = roleHas(user.role, 'article:review') && article.status === 'IN_REVIEW';
  const editedByMe = canReview && (await hasEditedUnpublishedChanges(db, user.id, article.id));
  return {
    articleId: article.id,
    version: article.version,
    canSubmit: roleHas(user.role, 'article:submit') && (article.status === 'DRAFT' || article.status === 'CHANGES_REQUESTED'),
    canReview,
    reviewBlockedReason: editedByMe ? '你编辑过这个版本，需由其他审核员审核（四眼原则）。' : null,
    canPublish: canPublishArticle(user, article),
    canUnpublish: canUnpublishArticle(user, article),
    // Scheduling is offered with the action it schedules; cancelling to whoever may publish.
    canCancelSchedule: roleHas(user.role, 'article:publish'),
    schedule: await panelSchedule(article),
    // The entry leads to a confirmation page (/admin/articles/<id>/trash) that says what it will do.
    canTrash: canDeleteArticle(user, article),
  };
}

async function panelSchedule(article: PanelArticle): Promise<PanelSchedule | null> {
  if (!article.scheduledAction || !article.scheduledAt) return null;
  const by = article.scheduledById ? await db.user.findUnique({ where: { id: article.scheduledById }, select: { name: true } }) : null;
  return {
    action: article.scheduledAction,
    runAtText: formatDateTime(article.scheduledAt),
    runAtValue: toShanghaiDateTime(article.scheduledAt),
    version: article.scheduledVersion,
    scheduledBy: by?.name ?? null,
    problem: scheduleProblem({ ...article, isLive: article.publishedRevisionId !== null, scheduledAction: article.scheduledAction }),
  };
}
