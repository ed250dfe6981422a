import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { bulkWorkflowSchema, bulkWorkflowSummary, type BulkWorkflowRequest } from '@/lib/articles/bulk-schema';
import { bulkWorkflow } from '@/lib/articles/bulk-workflow';
import { listArticles } from '@/lib/articles/queries';
import { parseArticleListQuery } from '@/lib/articles/list-query';
import { saveArticle } from '@/lib/articles/save-article';
import type { CurrentUser } from '@/lib/auth/session-types';
import { db } from '@/lib/db/client';
import { toShanghaiDateTime } from '@/lib/dates';
import { readPublishedArticle } from '@/lib/public/read-published';
import { publishArticle, reviewArticle, submitForReview } from '@/lib/workflow/workflow';
import { editInput, importSample, makeUser, resetDatabase } from './helpers';

// Bulk workflow steps in the article table (issue 12): each selected row as its person saw it,
// checked by the single action's rules, done by the single action's operation; a per-row result.

const pages = ['000_f9d22c9b16a877c9.txt', '001_09de7306f3693664.txt', '002_61664b8a0a0df384.txt', '003_91985a4ab1a3ef30.txt'];

let editor: CurrentUser;
let otherEditor: CurrentUser;
let reviewer: CurrentUser;
let admin: CurrentUser;

const row = async (articleId: string) => {
  const { version } = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { version: true } });
  return { articleId, version };
};
const state = (id: string) =>
  db.article.findUniqueOrThrow({
    where: { id },
    select: { status: true, version: true, slug: true, publishedRevisionId: true, deletedAt: true, scheduledAction: true },
  });

function run(actor: CurrentUser, rows: { articleId: string; version: number }[], operation: BulkWorkflowRequest['operation']) {
  return bulkWorkflow(actor, bulkWorkflowSchema.parse({ rows, operation }));
}

async function approve(articleId: string) {
  const { version } = await row(articleId);
  await submitForReview({ actor: editor, articleId, version });
  await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '' });
}

/** Four articles: a draft, one in review, one approved, one live (all created by `editor`). */
async function mixed() {
  const [draft, inReview, approved, live] = await Promise.all(pages.map(async (p) => (await importSample(p, editor.id)).articleId));
  await submitForReview({ actor: editor, ...(await row(inReview)) });
  await approve(approved);
  await approve(live);
  await publishArticle({ actor: editor, ...(await row(live)) });
  return { draft, inReview, approved, live };
}

beforeEach(async () => {
  await resetDatabase();
  editor = await makeUser('EDITOR');
  otherEditor = await makeUser('EDITOR');
  reviewer = await makeUser('REVIEWER');
  admin = await makeUser('ADMIN');
});
afterAll(() => db.$disconnect());

describe('bulk workflow steps', () => {
  it('publishes the approved rows only, says why the others were skipped, and makes them live as a publish does', async () => {
    const a = await mixed();
    const rows = await Promise.all([a.draft, a.inReview, a.approved, a.live].map(row));

    const result = await run(reviewer, rows, { kind: 'publish' });

    expect(result.rows.map((r) => [r.articleId, r.outcome])).toEqual([
      [a.draft, 'notApproved'],
      [a.inReview, 'notApproved'],
      [a.approved, 'done'],
      [a.live, 'notApproved'],
    ]);
    expect(bulkWorkflowSummary(result)).toBe('1 篇已发布，3 篇未批准，已跳过');
    const published = await state(a.approved);
    expect(published.status).toBe('PUBLISHED');
    expect((await readPublishedArticle(published.slug))?.id).toBe(a.approved);
    expect(result.publicTags.length).toBeGreaterThan(0);
    expect(await db.auditEvent.count({ where: { entityId: a.approved, action: 'article.publish', actorId: reviewer.id } })).toBe(1);
    // Nothing else changed.
    expect((await state(a.draft)).status).toBe('DRAFT');
    expect((await state(a.inReview)).status).toBe('IN_REVIEW');
  });

  it('submits drafts, unpublishes live rows, and skips a row changed since it was selected', async () => {
    const a = await mixed();
    const seen = await row(a.draft);
    const other = (await importSample('004_e9231330f69d2e16.txt', editor.id)).articleId;
    await saveArticle(editor, await editInput(a.draft, { summary: '选中之后又改了' }));
    const submitRows = [seen, await row(a.inReview), await row(other)];

    const submitted = await run(editor, submitRows, { kind: 'submit' });
    expect(submitted.rows.map((r) => r.outcome)).toEqual(['changed', 'notSubmittable', 'done']);
    expect(bulkWorkflowSummary(submitted)).toBe('1 篇已提交审核，1 篇已被修改（请刷新后重试），1 篇不是草稿或待修改，已跳过');
    expect((await state(other)).status).toBe('IN_REVIEW');
    expect((await state(a.draft)).status).toBe('DRAFT');

    const unpublished = await run(editor, [await row(a.live), await row(a.approved)], { kind: 'unpublish' });
    expect(unpublished.rows.map((r) => r.outcome)).toEqual(['done', 'notLive']);
    expect(bulkWorkflowSummary(unpublished)).toBe('1 篇已下线，1 篇未在线上，已跳过');
    expect(await state(a.live)).toMatchObject({ status: 'ARCHIVED', publishedRevisionId: null });
  });

  it('moves to the trash what each person may: an editor their own drafts only, an admin anything (a live one unpublished first)', async () => {
    const a = await mixed();
    const othersDraft = (await importSample('004_e9231330f69d2e16.txt', otherEditor.id)).articleId;
    const rows = await Promise.all([a.draft, a.live, othersDraft].map(row));

    const byEditor = await run(editor, rows, { kind: 'trash' });
    expect(byEditor.rows.map((r) => r.outcome)).toEqual(['done', 'forbidden', 'forbidden']);
    expect((await state(a.draft)).deletedAt).not.toBeNull();
    expect((await state(a.live)).deletedAt).toBeNull();

    const byAdmin = await run(admin, [await row(a.live), { articleId: a.draft, version: rows[0].version }], { kind: 'trash' });
    expect(byAdmin.rows.map((r) => r.outcome)).toEqual(['done', 'notFound']);
    expect(await state(a.live)).toMatchObject({ publishedRevisionId: null, deletedAt: expect.any(Date) });
    expect(byAdmin.publicTags.length).toBeGreaterThan(0);
  });

  it('refuses a step the role does not have, for every row, and writes nothing', async () => {
    const a = await mixed();
    await expect(run(reviewer, [await row(a.draft)], { kind: 'submit' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(run(reviewer, [await row(a.draft)], { kind: 'trash' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await state(a.draft)).toMatchObject({ status: 'DRAFT', deletedAt: null });
  });

  it('schedules the rows the rule allows, shown and filtered in the table, and cancels them', async () => {
    const a = await mixed();
    const runAt = toShanghaiDateTime(new Date(Date.now() + 60 * 60 * 1000));
    const rows = await Promise.all([a.approved, a.draft, a.live].map(row));

    const scheduled = await run(editor, rows, { kind: 'schedule', action: 'PUBLISH', runAt });
    expect(scheduled.rows.map((r) => r.outcome)).toEqual(['done', 'notApproved', 'notApproved']);
    const down = await run(editor, rows, { kind: 'schedule', action: 'UNPUBLISH', runAt });
    expect(down.rows.map((r) => r.outcome)).toEqual(['notLive', 'notLive', 'done']);

    const listed = await listArticles(parseArticleListQuery({ scheduled: 'ANY' }));
    expect(listed.rows.map((r) => [r.id, r.schedule?.action]).sort()).toEqual(
      [
        [a.approved, 'PUBLISH'],
        [a.live, 'UNPUBLISH'],
      ].sort(),
    );
    expect((await listArticles(parseArticleListQuery({ scheduled: 'UNPUBLISH' }))).rows.map((r) => r.id)).toEqual([a.live]);
    expect(listed.rows.find((r) => r.id === a.approved)?.schedule).toMatchObject({ problem: null });

    const cancelled = await run(reviewer, rows, { kind: 'cancelSchedule' });
    expect(cancelled.rows.map((r) => r.outcome)).toEqual(['done', 'notScheduled', 'done']);
    expect((await listArticles(parseArticleListQuery({ scheduled: 'ANY' }))).total).toBe(0);
    await expect(run(editor, rows, { kind: 'schedule', action: 'PUBLISH', runAt: toShanghaiDateTime(new Date(Date.now() - 60_000)) })).rejects.toMatchObject({
      code: 'INVALID',
    });
  });
});
