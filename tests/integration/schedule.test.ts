import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveArticle } from '@/lib/articles/save-article';
import type { CurrentUser } from '@/lib/auth/session-types';
import { db } from '@/lib/db/client';
import type { AppErrorCode } from '@/lib/errors';
import { getJobQueue, scheduleQueue, scheduleSweepCron, sendScheduleWakeUp, stopJobQueue } from '@/lib/jobs/queue';
import { startWorkers } from '@/lib/jobs/workers';
import { readGoneSlugs } from '@/lib/public-cache/gone-slugs';
import { readPublishedArticle } from '@/lib/public/read-published';
import { cancelSchedule } from '@/lib/schedule/cancel-schedule';
import { runDueSchedules } from '@/lib/schedule/run-due-schedules';
import { scheduleArticle } from '@/lib/schedule/schedule-article';
import { scheduleProblem } from '@/lib/schedule/schedule-state';
import { moveToTrash } from '@/lib/trash/move-to-trash';
import { publishArticle, reviewArticle, submitForReview } from '@/lib/workflow/workflow';
import { editInput, importSample, makeUser, resetDatabase } from './helpers';

// Scheduled publishing and unpublishing (issue 12): a schedule runs the workflow's own publish or
// unpublish at its time, through the job queue, in the name of whoever made it; a schedule that
// fell due while no server ran runs at start-up; cancel and reschedule; a schedule for version N
// never publishes N+1.

const pages = { a: '000_f9d22c9b16a877c9.txt', b: '001_09de7306f3693664.txt' };
const minute = 60 * 1000;

let editor: CurrentUser;
let reviewer: CurrentUser;
let admin: CurrentUser;

async function expectAppError(promise: Promise<unknown>, code: AppErrorCode) {
  await expect(promise).rejects.toMatchObject({ name: 'AppError', code });
}

const state = (id: string) =>
  db.article.findUniqueOrThrow({
    where: { id },
    select: {
      status: true,
      version: true,
      slug: true,
      publishedRevisionId: true,
      scheduledAt: true,
      scheduledAction: true,
      scheduledVersion: true,
      scheduledById: true,
    },
  });

/** An imported sample, submitted and approved: ready to publish. */
async function approvedArticle(name: string) {
  const { articleId, version } = await importSample(name, editor.id);
  await submitForReview({ actor: editor, articleId, version });
  await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '' });
  return { articleId, version };
}

async function liveArticle(name: string) {
  const { articleId, version } = await approvedArticle(name);
  const { slug } = await publishArticle({ actor: editor, articleId, version });
  return { articleId, version, slug };
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const audits = (articleId: string) =>
  db.auditEvent.findMany({ where: { entityId: articleId }, orderBy: { id: 'asc' }, select: { action: true, actorId: true, summary: true } });

beforeEach(async () => {
  await resetDatabase();
  editor = await makeUser('EDITOR');
  reviewer = await makeUser('REVIEWER');
  admin = await makeUser('ADMIN');
});
afterEach(() => stopJobQueue());
afterAll(() => db.$disconnect());

describe('scheduling', () => {
  it('publishes the approved version at its time through the job queue, as a manual publish would, audited', async () => {
    const { articleId, version } = await approvedArticle(pages.a);
    await startWorkers(db);
    const runAt = new Date(Date.now() + 2000);
    const changesBefore = await db.publicChange.count();

    await scheduleArticle({ actor: editor, articleId, version, action: 'PUBLISH', runAt, ip: '192.0.2.9' });
    await sendScheduleWakeUp(runAt);
    expect(await state(articleId)).toMatchObject({
      status: 'APPROVED',
      scheduledAction: 'PUBLISH',
      scheduledVersion: version,
      scheduledById: editor.id,
      scheduledAt: runAt,
    });

    // Not before its time (the worker polls every second) …
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await state(articleId)).status).toBe('APPROVED');
    // … and within a second or two of it.
    const after = await waitFor(
      () => state(articleId),
      (s) => s.status === 'PUBLISHED',
      10_000,
    );
    const liveAt = Date.now();
    expect(after).toMatchObject({ status: 'PUBLISHED', scheduledAt: null, scheduledAction: null, scheduledVersion: null, scheduledById: null });
    expect(liveAt - runAt.getTime()).toBeLessThan(4000);

    // The workflow's own publish: the live page, its search row and a change for the public cache.
    expect((await readPublishedArticle(after.slug))?.id).toBe(articleId);
    expect(await db.publishedArticleSearch.count({ where: { articleId } })).toBe(1);
    expect(await db.publicChange.count()).toBe(changesBefore + 1);
    const events = (await audits(articleId)).slice(-2);
    expect(events).toEqual([
      { action: 'article.schedule', actorId: editor.id, summary: { action: 'PUBLISH', runAt: runAt.toISOString(), version } },
      { action: 'article.publish', actorId: editor.id, summary: expect.objectContaining({ from: 'APPROVED', to: 'PUBLISHED', version, scheduled: true }) },
    ]);
  });

  it('takes the live page down at its time (410, out of search, a public change), audited', async () => {
    const { articleId, version, slug } = await liveArticle(pages.a);
    const runAt = new Date(Date.now() + 10 * minute);
    await scheduleArticle({ actor: reviewer, articleId, version, action: 'UNPUBLISH', runAt });

    expect(await runDueSchedules(db, new Date(runAt.getTime() - 1000))).toEqual({ published: 0, unpublished: 0, failed: 0 });
    expect((await state(articleId)).publishedRevisionId).not.toBeNull();

    expect(await runDueSchedules(db, new Date(runAt.getTime() + 1000))).toEqual({ published: 0, unpublished: 1, failed: 0 });
    expect(await state(articleId)).toMatchObject({ status: 'ARCHIVED', publishedRevisionId: null, scheduledAction: null });
    expect(await readPublishedArticle(slug)).toBeNull();
    expect(await readGoneSlugs(db)).toContain(slug);
    expect(await db.publishedArticleSearch.count({ where: { articleId } })).toBe(0);
    expect((await audits(articleId)).at(-1)).toMatchObject({ action: 'article.unpublish', actorId: reviewer.id, summary: { scheduled: true, slug } });
  });

  it('runs at start-up a schedule that fell due while no server was running', async () => {
    const { articleId, version } = await approvedArticle(pages.a);
    const runAt = new Date(Date.now() + 1000);
    await scheduleArticle({ actor: editor, articleId, version, action: 'PUBLISH', runAt });
    // The wake-up was queued (pg-boss keeps it in its table), and then the server stopped.
    await sendScheduleWakeUp(runAt);
    await stopJobQueue();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await state(articleId)).status).toBe('APPROVED');

    await startWorkers(db);
    expect(
      (
        await waitFor(
          () => state(articleId),
          (s) => s.status === 'PUBLISHED',
        )
      ).status,
    ).toBe('PUBLISHED');
  });

  it('runs at start-up a due schedule whose wake-up was lost, and keeps a minute sweep in pg-boss', async () => {
    const { articleId, version } = await approvedArticle(pages.a);
    await scheduleArticle({ actor: editor, articleId, version, action: 'PUBLISH', runAt: new Date(Date.now() + minute) });
    // Due an hour ago, and no job in the queue at all.
    await db.article.update({ where: { id: articleId }, data: { scheduledAt: new Date(Date.now() - 60 * minute) } });
    await startWorkers(db);
    expect(
      (
        await waitFor(
          () => state(articleId),
          (s) => s.status === 'PUBLISHED',
        )
      ).status,
    ).toBe('PUBLISHED');
    const boss = await getJobQueue();
    expect((await boss.getSchedules()).map((s) => [s.name, s.cron])).toContainEqual([scheduleQueue, scheduleSweepCron]);
  });

  it('cancels: nothing happens at the time, audited', async () => {
    const { articleId, version } = await approvedArticle(pages.a);
    const runAt = new Date(Date.now() + 5 * minute);
    await scheduleArticle({ actor: editor, articleId, version, action: 'PUBLISH', runAt });
    await cancelSchedule({ actor: admin, articleId, ip: '192.0.2.3' });

    expect(await state(articleId)).toMatchObject({ status: 'APPROVED', scheduledAt: null, scheduledAction: null, scheduledVersion: null, scheduledById: null });
    expect(await runDueSchedules(db, new Date(runAt.getTime() + minute))).toEqual({ published: 0, unpublished: 0, failed: 0 });
    expect((await state(articleId)).status).toBe('APPROVED');
    expect((await audits(articleId)).at(-1)).toEqual({
      action: 'article.unschedule',
      actorId: admin.id,
      summary: { action: 'PUBLISH', runAt: runAt.toISOString(), version },
    });
    await expectAppError(cancelSchedule({ actor: admin, articleId }), 'INVALID');
    // Who may not publish may not cancel either (no role lacks it today; the check is there).
    await scheduleArticle({ actor: editor, articleId, version, action: 'PUBLISH', runAt });
    await expectAppError(cancelSchedule({ actor: { ...editor, role: 'NOBODY' as never }, articleId }), 'FORBIDDEN');
    expect((await state(articleId)).scheduledAction).toBe('PUBLISH');
  });

  it('reschedules: the new time replaces the old one, audited with what it replaced', async () => {
    const { articleId, version } = await approvedArticle(pages.a);
    const first = new Date(Date.now() + 5 * minute);
    const second = new Date(Date.now() + 30 * minute);
    await scheduleArticle({ actor: editor, articleId, version, action: 'PUBLISH', runAt: first });
    await scheduleArticle({ actor: reviewer, articleId, version, action: 'PUBLISH', runAt: second });

    expect(await state(articleId)).toMatchObject({ scheduledAt: second, scheduledById: reviewer.id });
    expect((await audits(articleId)).at(-1)).toEqual({
      action: 'article.reschedule',
      actorId: reviewer.id,
      summary: { action: 'PUBLISH', runAt: second.toISOString(), version, previous: { action: 'PUBLISH', runAt: first.toISOString() } },
    });
    // The first time passes without a publish (its wake-up finds nothing due); the second publishes.
    expect(await runDueSchedules(db, new Date(first.getTime() + 1000))).toEqual({ published: 0, unpublished: 0, failed: 0 });
    expect(await runDueSchedules(db, new Date(second.getTime() + 1000))).toEqual({ published: 1, unpublished: 0, failed: 0 });
    expect((await audits(articleId)).at(-1)).toMatchObject({ action: 'article.publish', actorId: reviewer.id });
  });

  it('never publishes a later version than the one it was made for: an edit makes it lapse, said why', async () => {
    const { articleId, version } = await approvedArticle(pages.a);
    const runAt = new Date(Date.now() + 5 * minute);
    await scheduleArticle({ actor: editor, articleId, version, action: 'PUBLISH', runAt });

    // Edited after scheduling, and the new version approved too.
    await saveArticle(editor, await editInput(articleId, { title: '居民医保只能一年一交吗（修订）' }));
    const edited = await state(articleId);
    expect(edited.version).toBe(version + 1);
    expect(scheduleProblem({ ...edited, isLive: false })).toContain(`安排发布的是第 ${version} 版，现为第 ${version + 1} 版`);
    await submitForReview({ actor: editor, articleId, version: version + 1 });
    await reviewArticle({ actor: reviewer, articleId, version: version + 1, decision: 'APPROVED', comment: '' });

    expect(await runDueSchedules(db, new Date(runAt.getTime() + 1000))).toEqual({ published: 0, unpublished: 0, failed: 1 });
    expect(await state(articleId)).toMatchObject({
      status: 'APPROVED',
      version: version + 1,
      publishedRevisionId: null,
      scheduledAction: null,
      scheduledAt: null,
    });
    expect((await audits(articleId)).at(-1)).toMatchObject({
      action: 'article.schedule-fail',
      actorId: null,
      summary: { action: 'PUBLISH', version, scheduledById: editor.id, reason: expect.stringContaining(`第 ${version} 版`) },
    });
  });

  it('checks the rules when scheduling and again when running, in the name of its author', async () => {
    const draft = await importSample(pages.a, editor.id);
    const later = new Date(Date.now() + 5 * minute);
    // Only an approved version can be scheduled to go live; only a live page to go down.
    await expectAppError(scheduleArticle({ actor: editor, ...draft, action: 'PUBLISH', runAt: later }), 'INVALID');
    await expectAppError(scheduleArticle({ actor: editor, ...draft, action: 'UNPUBLISH', runAt: later }), 'INVALID');
    const { articleId, version } = await approvedArticle(pages.b);
    // A time that has passed, a version the person did not see, a role without publishing.
    await expectAppError(scheduleArticle({ actor: editor, articleId, version, action: 'PUBLISH', runAt: new Date(Date.now() - 1000) }), 'INVALID');
    await expectAppError(scheduleArticle({ actor: editor, articleId, version: version + 1, action: 'PUBLISH', runAt: later }), 'CONFLICT');
    await expectAppError(scheduleArticle({ actor: { ...editor, role: 'NOBODY' as never }, articleId, version, action: 'PUBLISH', runAt: later }), 'FORBIDDEN');
    expect((await state(articleId)).scheduledAction).toBeNull();

    // Its author is deactivated before the time: the schedule fails, nothing goes live.
    const scheduler = await makeUser('EDITOR');
    await scheduleArticle({ actor: scheduler, articleId, version, action: 'PUBLISH', runAt: later });
    await db.user.update({ where: { id: scheduler.id }, data: { active: false } });
    expect(await runDueSchedules(db, new Date(later.getTime() + 1000))).toEqual({ published: 0, unpublished: 0, failed: 1 });
    expect(await state(articleId)).toMatchObject({ status: 'APPROVED', publishedRevisionId: null, scheduledAction: null });
    expect((await audits(articleId)).at(-1)).toMatchObject({ action: 'article.schedule-fail', summary: { reason: '安排定时的用户已停用或不再有发布权限' } });
  });

  it('is cleared by a manual publish or a move to the trash', async () => {
    const a = await approvedArticle(pages.a);
    await scheduleArticle({ actor: editor, ...a, action: 'PUBLISH', runAt: new Date(Date.now() + 5 * minute) });
    await publishArticle({ actor: editor, ...a });
    expect(await state(a.articleId)).toMatchObject({ status: 'PUBLISHED', scheduledAction: null });
    // A scheduled unpublish outlives the publish of a new version: the page still expires.
    const expiresAt = new Date(Date.now() + 5 * minute);
    await scheduleArticle({ actor: editor, ...a, action: 'UNPUBLISH', runAt: expiresAt });
    await saveArticle(editor, await editInput(a.articleId, { summary: '新的摘要' }));
    const next = (await state(a.articleId)).version;
    await submitForReview({ actor: editor, articleId: a.articleId, version: next });
    await reviewArticle({ actor: reviewer, articleId: a.articleId, version: next, decision: 'APPROVED', comment: '' });
    await publishArticle({ actor: editor, articleId: a.articleId, version: next });
    expect(await state(a.articleId)).toMatchObject({ status: 'PUBLISHED', scheduledAction: 'UNPUBLISH', scheduledAt: expiresAt });
    // Moving to the trash takes the page down and the schedule with it.
    await moveToTrash({ actor: admin, articleId: a.articleId, version: next });
    expect(await state(a.articleId)).toMatchObject({ publishedRevisionId: null, scheduledAction: null, scheduledAt: null });
  });
});
