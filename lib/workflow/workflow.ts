import { db, type Tx } from '@/lib/db/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas, type Permission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { readLiveState, recordPublicChange } from '@/lib/public-cache/change-feed';
import { retireSlugs, reviveSlugs } from '@/lib/public-cache/gone-slugs';
import { Prisma } from '@/lib/generated/prisma/client';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { removeLiveSearch, writeLiveSearch } from '@/lib/search/write-vectors';
import { hasEditedUnpublishedChanges } from './policy';
import { nextStatus, statusLabels, type Transition } from './transitions';

export type TransitionInput = {
  actor: CurrentUser;
  articleId: string;
  version: number;
  ip?: string | null;
  /** Run by the scheduler (lib/schedule) for `actor`, who made the schedule: said in the audit row. */
  scheduled?: boolean;
};

/** No pending schedule (lib/schedule): the four columns are set and cleared together. */
export const noSchedule = { scheduledAt: null, scheduledAction: null, scheduledVersion: null, scheduledById: null } as const;

const transitionPermission: Record<Transition, Permission> = {
  submit: 'article:submit',
  approve: 'article:review',
  requestChanges: 'article:review',
  publish: 'article:publish',
};

async function loadForTransition(tx: Tx, articleId: string, version: number) {
  const article = await tx.article.findFirst({
    where: { id: articleId, deletedAt: null },
    select: { id: true, status: true, version: true, slug: true, publishedRevisionId: true },
  });
  if (!article) throw new AppError('NOT_FOUND', '文章不存在或已删除');
  if (article.version !== version) throw new AppError('CONFLICT', '文章已被修改，请刷新页面后重试');
  return article;
}

/** A conditional write on (id, status, version): a concurrent change makes it fail, not overwrite. */
const slugTakenError = (slug: string) => new AppError('CONFLICT', `链接名 ${slug} 正被另一篇已发布的文章使用，请修改链接名后重新提交审核`);

async function moveStatus(tx: Tx, articleId: string, from: ArticleStatus, version: number, data: Record<string, unknown>) {
  const { count } = await tx.article.updateMany({ where: { id: articleId, status: from, version, deletedAt: null }, data });
  if (count !== 1) throw new AppError('CONFLICT', '文章状态已变化，请刷新页面后重试');
}

async function checkedTarget(tx: Tx, transition: Transition, input: TransitionInput) {
  if (!roleHas(input.actor.role, transitionPermission[transition])) throw new AppError('FORBIDDEN', '没有权限执行此操作');
  const article = await loadForTransition(tx, input.articleId, input.version);
  const to = nextStatus(article.status, transition);
  if (!to) throw new AppError('INVALID', `当前状态（${statusLabels[article.status]}）不能执行此操作`);
  return { article, to };
}

export async function submitForReview(input: TransitionInput) {
  return db.$transaction(async (tx) => {
    const { article, to } = await checkedTarget(tx, 'submit', input);
    await moveStatus(tx, article.id, article.status, input.version, { status: to });
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: 'article.submit',
      entityType: 'Article',
      entityId: article.id,
      summary: { from: article.status, to, version: input.version },
      ip: input.ip,
    });
    return { slug: article.slug };
  });
}

export async function reviewArticle(input: TransitionInput & { decision: 'APPROVED' | 'CHANGES_REQUESTED'; comment: string }) {
  const transition: Transition = input.decision === 'APPROVED' ? 'approve' : 'requestChanges';
  if (input.decision === 'CHANGES_REQUESTED' && !input.comment.trim()) throw new AppError('INVALID', '退回修改时请填写意见');
  return db.$transaction(async (tx) => {
    const { article, to } = await checkedTarget(tx, transition, input);
    if (await hasEditedUnpublishedChanges(tx, input.actor.id, article.id)) {
      throw new AppError('FORBIDDEN', '不能审核自己编辑过的版本（四眼原则）');
    }
    await moveStatus(tx, article.id, article.status, input.version, { status: to });
    await tx.review.create({
      data: { articleId: article.id, articleVersion: input.version, reviewerId: input.actor.id, decision: input.decision, comment: input.comment.trim() },
    });
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: `article.${transition}`,
      entityType: 'Article',
      entityId: article.id,
      summary: { from: article.status, to, version: input.version, comment: input.comment.trim() },
      ip: input.ip,
    });
    return { slug: article.slug };
  });
}

/**
 * Makes the approved revision live. A new slug leaves the old one behind as a permanent
 * redirect; the change and the cache tags it expires go to the public change feed.
 */
export async function publishArticle(input: TransitionInput) {
  return db.$transaction((tx) => publishInTransaction(tx, input));
}

/**
 * Publishing itself, in the caller's transaction: the one way an article goes live, whether a
 * person presses 发布 or their schedule falls due (lib/schedule/run-due-schedules.ts).
 */
export async function publishInTransaction(tx: Tx, input: TransitionInput) {
  const { article, to } = await checkedTarget(tx, 'publish', input);
  const revision = await tx.revision.findUnique({
    where: { articleId_articleVersion: { articleId: article.id, articleVersion: input.version } },
    select: { id: true, slug: true, regions: true },
  });
  if (!revision) throw new AppError('CONFLICT', '找不到已批准的版本，请刷新页面后重试');
  const slugTaken = await tx.article.count({ where: { id: { not: article.id }, deletedAt: null, publishedRevision: { slug: revision.slug } } });
  if (slugTaken > 0) throw slugTakenError(revision.slug);
  const before = await readLiveState(tx, article.id);
  const now = new Date();
  await tx.article.updateMany({ where: { id: article.id, publishedAt: null }, data: { publishedAt: now } });
  try {
    await moveStatus(tx, article.id, article.status, input.version, { status: to, publishedRevisionId: revision.id, liveSlug: revision.slug });
  } catch (error) {
    // Another publish took the address between the check above and this write.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw slugTakenError(revision.slug);
    throw error;
  }
  // A scheduled publish has happened (or is overtaken by this one); a scheduled unpublish stays.
  await tx.article.updateMany({ where: { id: article.id, scheduledAction: 'PUBLISH' }, data: noSchedule });
  await replacePublishedRegions(tx, article.id, revision.regions as { code: string }[]);
  await writeLiveSearch(tx, article.id);
  await recordSlugChange(tx, article.id, before?.slug ?? null, revision.slug);
  const revived = await reviveSlugs(tx, article.id, revision.slug);
  const publicTags = await recordPublicChange(tx, before, await readLiveState(tx, article.id), revived);
  await recordAudit(tx, {
    actorId: input.actor.id,
    action: 'article.publish',
    entityType: 'Article',
    entityId: article.id,
    summary: { from: article.status, to, version: input.version, slug: revision.slug, ...scheduledMark(input) },
    ip: input.ip,
  });
  return { slug: revision.slug, previousSlug: before?.slug ?? null, publicTags };
}

function scheduledMark(input: TransitionInput) {
  return input.scheduled ? { scheduled: true } : {};
}

/** A live slug is never a redirect; a slug an article's live page leaves behind becomes one. */
async function recordSlugChange(tx: Tx, articleId: string, previous: string | null, next: string) {
  await tx.slugRedirect.deleteMany({ where: { slug: next } });
  if (previous && previous !== next) {
    await tx.slugRedirect.upsert({ where: { slug: previous }, create: { slug: previous, articleId }, update: { articleId } });
  }
}

/** Takes the live page down (recorded in the public change feed); the working copy keeps its status unless it was the live version. */
export async function unpublishArticle(input: TransitionInput) {
  return db.$transaction((tx) => unpublishInTransaction(tx, input));
}

/** Unpublishing as a person asks it, in the caller's transaction (also a scheduled unpublish, lib/schedule). */
export async function unpublishInTransaction(tx: Tx, input: TransitionInput) {
  if (!roleHas(input.actor.role, 'article:publish')) throw new AppError('FORBIDDEN', '没有权限执行此操作');
  const article = await loadForTransition(tx, input.articleId, input.version);
  if (!article.publishedRevisionId) throw new AppError('INVALID', '文章未发布');
  const { slug, publicTags } = await takeDownLivePage(tx, article, input);
  return { slug, publicTags };
}

/**
 * Unpublishing itself, in the caller's transaction, for an article that is live (checked by the
 * caller, with the version the person saw): the live revision and its regions and search row go,
 * its addresses answer 410 Gone (lib/public-cache/gone-slugs.ts), the change and the pages it
 * outdates go to the public change feed, and the transition is audited. Moving a live article to
 * the trash (lib/trash) takes it down through this too, in its own transaction.
 */
export async function takeDownLivePage(tx: Tx, article: { id: string; status: ArticleStatus }, input: TransitionInput) {
  const before = await readLiveState(tx, article.id);
  const to: ArticleStatus = article.status === 'PUBLISHED' ? 'ARCHIVED' : article.status;
  await moveStatus(tx, article.id, article.status, input.version, { status: to, publishedRevisionId: null, liveSlug: null });
  // Nothing is left live for a scheduled unpublish to take down.
  await tx.article.updateMany({ where: { id: article.id, scheduledAction: 'UNPUBLISH' }, data: noSchedule });
  await tx.publishedArticleRegion.deleteMany({ where: { articleId: article.id } });
  await removeLiveSearch(tx, article.id);
  const retired = before ? await retireSlugs(tx, article.id, before.slug) : [];
  const publicTags = await recordPublicChange(tx, before, null, retired);
  await recordAudit(tx, {
    actorId: input.actor.id,
    action: 'article.unpublish',
    entityType: 'Article',
    entityId: article.id,
    summary: { from: article.status, to, slug: before?.slug, ...scheduledMark(input) },
    ip: input.ip,
  });
  return { slug: before?.slug ?? null, publicTags, status: to };
}

async function replacePublishedRegions(tx: Tx, articleId: string, regions: { code: string }[]) {
  await tx.publishedArticleRegion.deleteMany({ where: { articleId } });
  if (regions.length === 0) return;
  const current = await tx.articleRegion.findMany({
    where: { articleId, regionCode: { in: regions.map((r) => r.code) } },
    select: { regionCode: true, provinceCode: true, cityCode: true },
  });
  await tx.publishedArticleRegion.createMany({
    data: current.map((r) => ({ articleId, regionCode: r.regionCode, provinceCode: r.provinceCode, cityCode: r.cityCode })),
  });
}
