import type { ArticleStatus, ScheduledAction } from '@/lib/generated/prisma/enums';

// What an article's pending schedule is and whether it can still do what it says. Pure, so the
// editor's panel, the article table and the scheduler itself (./run-due-schedules.ts) agree.

export const scheduledActionLabels: Record<ScheduledAction, string> = { PUBLISH: '定时发布', UNPUBLISH: '定时下线' };

export type ScheduledArticle = {
  status: ArticleStatus;
  version: number;
  isLive: boolean;
  scheduledAction: ScheduledAction | null;
  scheduledVersion: number | null;
};

/**
 * Why a pending schedule will not do what it says when it falls due, or null if it will (as far
 * as the article's state goes; the run checks every rule again). A publish is made for one approved
 * version: any edit since (a new version, back to draft, in review, approved again) means that
 * version is not the one to go live, so the schedule lapses rather than publish a later one.
 */
export function scheduleProblem(article: ScheduledArticle): string | null {
  if (article.scheduledAction === 'PUBLISH') {
    if (article.scheduledVersion !== article.version) {
      return `安排后文章又被修改（安排发布的是第 ${article.scheduledVersion} 版，现为第 ${article.version} 版），到时不会发布；新版本批准后请重新安排`;
    }
    if (article.status !== 'APPROVED') return '文章已不是“已批准”状态，到时不会发布';
  }
  if (article.scheduledAction === 'UNPUBLISH' && !article.isLive) return '文章已不在线上，无需下线';
  return null;
}
