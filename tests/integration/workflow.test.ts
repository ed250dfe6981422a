import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createArticle } from '@/lib/articles/create-article';
import { saveArticle } from '@/lib/articles/save-article';
import type { CurrentUser } from '@/lib/auth/session-types';
import { db } from '@/lib/db/client';
import type { AppErrorCode } from '@/lib/errors';
import { readLatestArticles, readPublishedArticle } from '@/lib/public/read-published';
import { canDeleteArticle } from '@/lib/workflow/policy';
import { publishArticle, reviewArticle, submitForReview, unpublishArticle } from '@/lib/workflow/workflow';
import { editInput, importSample, makeUser, resetDatabase } from './helpers';

const page = '000_f9d22c9b16a877c9.txt';

async function expectAppError(promise: Promise<unknown>, code: AppErrorCode) {
  await expect(promise).rejects.toMatchObject({ name: 'AppError', code });
}

async function article(id: string) {
  return db.article.findUniqueOrThrow({ where: { id }, select: { status: true, version: true, publishedRevisionId: true, title: true, slug: true } });
}

async function approveAndPublish(articleId: string, version: number, editor: CurrentUser, reviewer: CurrentUser) {
  await submitForReview({ actor: editor, articleId, version });
  await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '' });
  await publishArticle({ actor: editor, articleId, version });
}

beforeEach(resetDatabase);
afterAll(() => db.$disconnect());

describe('submit → approve → publish', () => {
  it('makes the approved revision live and audits every transition', async () => {
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    const { articleId, version } = await importSample(page, editor.id);

    await submitForReview({ actor: editor, articleId, version, ip: '192.0.2.1' });
    expect((await article(articleId)).status).toBe('IN_REVIEW');
    await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '可以' });
    expect((await article(articleId)).status).toBe('APPROVED');
    const result = await publishArticle({ actor: editor, articleId, version });

    const after = await db.article.findUniqueOrThrow({ where: { id: articleId }, include: { publishedRevision: true } });
    expect(after.status).toBe('PUBLISHED');
    expect(after.version).toBe(version);
    expect(after.publishedRevision?.articleVersion).toBe(version);
    expect(after.publishedRevision?.articleId).toBe(articleId);
    expect(after.publishedAt).toBeInstanceOf(Date);
    expect(result).toMatchObject({ slug: after.slug, previousSlug: null });

    const review = await db.review.findFirstOrThrow({ where: { articleId } });
    expect(review).toMatchObject({ reviewerId: reviewer.id, decision: 'APPROVED', articleVersion: version, comment: '可以' });

    const events = await db.auditEvent.findMany({ where: { entityId: articleId }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ['article.import', editor.id],
      ['article.submit', editor.id],
      ['article.approve', reviewer.id],
      ['article.publish', editor.id],
    ]);
    expect(events[1]).toMatchObject({ entityType: 'Article', ip: '192.0.2.1', summary: { from: 'DRAFT', to: 'IN_REVIEW' } });
    expect(events[2].summary).toMatchObject({ from: 'IN_REVIEW', to: 'APPROVED' });
    expect(events[3].summary).toMatchObject({ from: 'APPROVED', to: 'PUBLISHED' });
  });

  it('publishes only from APPROVED', async () => {
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    const { articleId, version } = await importSample(page, editor.id);

    await expectAppError(publishArticle({ actor: editor, articleId, version }), 'INVALID');
    await submitForReview({ actor: editor, articleId, version });
    await expectAppError(publishArticle({ actor: reviewer, articleId, version }), 'INVALID');
    expect(await article(articleId)).toMatchObject({ status: 'IN_REVIEW', publishedRevisionId: null });
    await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '' });
    await publishArticle({ actor: reviewer, articleId, version });
    await expectAppError(publishArticle({ actor: editor, articleId, version }), 'INVALID');
    expect(await db.auditEvent.count({ where: { entityId: articleId, action: 'article.publish' } })).toBe(1);
  });

  it('rejects a transition on a stale version with CONFLICT', async () => {
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    const { articleId, version } = await importSample(page, editor.id);
    await saveArticle(editor, await editInput(articleId, { title: '改过的标题' }));

    await expectAppError(submitForReview({ actor: editor, articleId, version }), 'CONFLICT');
    expect((await article(articleId)).status).toBe('DRAFT');
    await submitForReview({ actor: editor, articleId, version: version + 1 });
    await expectAppError(reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '' }), 'CONFLICT');
    expect((await article(articleId)).status).toBe('IN_REVIEW');
  });
});

describe('public slugs', () => {
  it('refuses to publish a slug that another live article uses', async () => {
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    const first = await importSample(page, editor.id);
    await approveAndPublish(first.articleId, first.version, editor, reviewer);
    const liveSlug = (await article(first.articleId)).slug;
    // The first article's working copy moves to a new slug; its live page keeps the old one.
    await saveArticle(editor, await editInput(first.articleId, { slug: 'xin-lian-jie' }));

    const second = await importSample('001_09de7306f3693664.txt', editor.id);
    await expectAppError(saveArticle(editor, await editInput(second.articleId, { slug: liveSlug })), 'INVALID');
    expect((await article(second.articleId)).slug).not.toBe(liveSlug);

    // Even if the slug got there (e.g. a direct write), publishing it is refused.
    await db.article.update({ where: { id: second.articleId }, data: { slug: liveSlug } });
    await db.revision.update({
      where: { articleId_articleVersion: { articleId: second.articleId, articleVersion: second.version } },
      data: { slug: liveSlug },
    });
    await submitForReview({ actor: editor, articleId: second.articleId, version: second.version });
    await reviewArticle({ actor: reviewer, articleId: second.articleId, version: second.version, decision: 'APPROVED', comment: '' });
    await expectAppError(publishArticle({ actor: editor, articleId: second.articleId, version: second.version }), 'CONFLICT');
    expect(await article(second.articleId)).toMatchObject({ status: 'APPROVED', publishedRevisionId: null });
    expect((await readPublishedArticle(liveSlug))?.title).toBe('居民医保只能一年一交吗');
  });

  it('lets only one of two publishes racing for the same address through', async () => {
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    const pages = [await importSample(page, editor.id), await importSample('001_09de7306f3693664.txt', editor.id)];
    // Both approved under one slug (one article moved its working copy on after approval and
    // the other took the slug), then published at once.
    for (const { articleId, version } of pages) {
      await db.revision.update({ where: { articleId_articleVersion: { articleId, articleVersion: version } }, data: { slug: 'tong-yi-ge-lian-jie' } });
      await submitForReview({ actor: editor, articleId, version });
      await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '' });
    }
    const results = await Promise.allSettled(pages.map(({ articleId, version }) => publishArticle({ actor: editor, articleId, version })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'CONFLICT', message: expect.stringContaining('tong-yi-ge-lian-jie') },
    });
    expect(await db.article.count({ where: { liveSlug: 'tong-yi-ge-lian-jie' } })).toBe(1);
  });

  it('gives a new article a slug that no live page uses', async () => {
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    const first = await importSample(page, editor.id);
    await approveAndPublish(first.articleId, first.version, editor, reviewer);
    const liveSlug = (await article(first.articleId)).slug;
    await saveArticle(editor, await editInput(first.articleId, { slug: 'xin-lian-jie' }));
    // The same title again (a separate article: created by hand, not imported).
    const created = await createArticle(editor, '居民医保只能一年一交吗');
    expect((await article(created.id)).slug).toBe(`${liveSlug}-2`);
  });
});

describe('concurrent reviews', () => {
  it('records only one decision when two reviewers decide at once', async () => {
    const editor = await makeUser('EDITOR');
    const first = await makeUser('REVIEWER');
    const second = await makeUser('REVIEWER');
    const { articleId, version } = await importSample(page, editor.id);
    await submitForReview({ actor: editor, articleId, version });
    const results = await Promise.allSettled([
      reviewArticle({ actor: first, articleId, version, decision: 'APPROVED', comment: '' }),
      reviewArticle({ actor: second, articleId, version, decision: 'CHANGES_REQUESTED', comment: '不行' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const reviews = await db.review.findMany({ where: { articleId } });
    expect(reviews).toHaveLength(1);
    expect((await article(articleId)).status).toBe(reviews[0].decision);
  });
});

describe('roles', () => {
  it('does not let an editor approve or request changes', async () => {
    const editor = await makeUser('EDITOR');
    const other = await makeUser('EDITOR');
    const { articleId, version } = await importSample(page, editor.id);
    await submitForReview({ actor: editor, articleId, version });
    await expectAppError(reviewArticle({ actor: other, articleId, version, decision: 'APPROVED', comment: '' }), 'FORBIDDEN');
    await expectAppError(reviewArticle({ actor: other, articleId, version, decision: 'CHANGES_REQUESTED', comment: '改' }), 'FORBIDDEN');
    expect((await article(articleId)).status).toBe('IN_REVIEW');
    expect(await db.review.count()).toBe(0);
  });

  it('does not let a reviewer submit or edit', async () => {
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    const { articleId, version } = await importSample(page, editor.id);
    await expectAppError(submitForReview({ actor: reviewer, articleId, version }), 'FORBIDDEN');
    await expectAppError(saveArticle(reviewer, await editInput(articleId, { title: '审核员改的' })), 'FORBIDDEN');
    expect(await article(articleId)).toMatchObject({ status: 'DRAFT', version });
  });
});

describe('four eyes', () => {
  it('forbids an admin who edited the version to review it, but another reviewer may approve', async () => {
    const editor = await makeUser('EDITOR');
    const admin = await makeUser('ADMIN');
    const reviewer = await makeUser('REVIEWER');
    const { articleId } = await importSample(page, editor.id);
    const saved = await saveArticle(admin, await editInput(articleId, { title: '管理员改过' }));
    await submitForReview({ actor: editor, articleId, version: saved.version });

    await expectAppError(reviewArticle({ actor: admin, articleId, version: saved.version, decision: 'APPROVED', comment: '' }), 'FORBIDDEN');
    await expectAppError(reviewArticle({ actor: admin, articleId, version: saved.version, decision: 'CHANGES_REQUESTED', comment: '再改改' }), 'FORBIDDEN');
    expect((await article(articleId)).status).toBe('IN_REVIEW');

    await reviewArticle({ actor: reviewer, articleId, version: saved.version, decision: 'APPROVED', comment: '' });
    expect((await article(articleId)).status).toBe('APPROVED');
  });

  it('forbids the admin who imported the page to approve it; another admin may', async () => {
    const admin = await makeUser('ADMIN');
    const otherAdmin = await makeUser('ADMIN');
    const { articleId, version } = await importSample(page, admin.id);
    await submitForReview({ actor: admin, articleId, version });
    await expectAppError(reviewArticle({ actor: admin, articleId, version, decision: 'APPROVED', comment: '' }), 'FORBIDDEN');
    await reviewArticle({ actor: otherAdmin, articleId, version, decision: 'APPROVED', comment: '' });
    expect((await article(articleId)).status).toBe('APPROVED');
  });

  it('counts only revisions since the last publish', async () => {
    const editor = await makeUser('EDITOR');
    const admin = await makeUser('ADMIN');
    const reviewer = await makeUser('REVIEWER');
    const { articleId } = await importSample(page, editor.id);
    const v2 = await saveArticle(admin, await editInput(articleId, { title: '管理员改过' }));
    await approveAndPublish(articleId, v2.version, editor, reviewer);

    // The admin's edit is live now; a later edit by the editor can be reviewed by the admin.
    const v3 = await saveArticle(editor, await editInput(articleId, { title: '编辑再改' }));
    await submitForReview({ actor: editor, articleId, version: v3.version });
    await reviewArticle({ actor: admin, articleId, version: v3.version, decision: 'APPROVED', comment: '' });
    expect((await article(articleId)).status).toBe('APPROVED');
  });
});

describe('request changes', () => {
  it('requires a comment', async () => {
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    const { articleId, version } = await importSample(page, editor.id);
    await submitForReview({ actor: editor, articleId, version });
    await expectAppError(reviewArticle({ actor: reviewer, articleId, version, decision: 'CHANGES_REQUESTED', comment: '' }), 'INVALID');
    await expectAppError(reviewArticle({ actor: reviewer, articleId, version, decision: 'CHANGES_REQUESTED', comment: '  \n ' }), 'INVALID');
    expect((await article(articleId)).status).toBe('IN_REVIEW');
    expect(await db.review.count()).toBe(0);
  });

  it('stores the comment and sends the article back to the editor', async () => {
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    const { articleId, version } = await importSample(page, editor.id);
    await submitForReview({ actor: editor, articleId, version });
    await reviewArticle({ actor: reviewer, articleId, version, decision: 'CHANGES_REQUESTED', comment: '  第二段数据需要核实  ' });

    expect((await article(articleId)).status).toBe('CHANGES_REQUESTED');
    const review = await db.review.findFirstOrThrow({ where: { articleId } });
    expect(review).toMatchObject({ decision: 'CHANGES_REQUESTED', comment: '第二段数据需要核实', reviewerId: reviewer.id, articleVersion: version });
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: articleId, action: 'article.requestChanges' } });
    expect(event.summary).toMatchObject({ from: 'IN_REVIEW', to: 'CHANGES_REQUESTED', comment: '第二段数据需要核实' });

    // The editor fixes it (still CHANGES_REQUESTED) and submits again.
    const saved = await saveArticle(editor, await editInput(articleId, { summary: '已核实' }));
    expect(saved.status).toBe('CHANGES_REQUESTED');
    await submitForReview({ actor: editor, articleId, version: saved.version });
    expect((await article(articleId)).status).toBe('IN_REVIEW');
  });
});

describe('unpublish', () => {
  it('takes the live revision and its published regions down', async () => {
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    const { articleId } = await importSample(page, editor.id);
    const saved = await saveArticle(editor, await editInput(articleId, { regions: [{ code: '440106', origin: 'MANUAL' }] }));
    await approveAndPublish(articleId, saved.version, editor, reviewer);
    expect(await db.publishedArticleRegion.findMany({ where: { articleId }, select: { regionCode: true, cityCode: true, provinceCode: true } })).toEqual([
      { regionCode: '440106', cityCode: '440100', provinceCode: '440000' },
    ]);

    await unpublishArticle({ actor: reviewer, articleId, version: saved.version });
    expect(await article(articleId)).toMatchObject({ status: 'ARCHIVED', publishedRevisionId: null });
    expect(await db.publishedArticleRegion.count({ where: { articleId } })).toBe(0);
    expect(await db.articleRegion.count({ where: { articleId } })).toBe(1);
    expect(await db.auditEvent.count({ where: { entityId: articleId, action: 'article.unpublish' } })).toBe(1);
    await expectAppError(unpublishArticle({ actor: reviewer, articleId, version: saved.version }), 'INVALID');
  });

  it('keeps the status of a newer working copy when the live revision goes down', async () => {
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    const { articleId, version } = await importSample(page, editor.id);
    await approveAndPublish(articleId, version, editor, reviewer);
    const saved = await saveArticle(editor, await editInput(articleId, { title: '新草稿' }));
    await unpublishArticle({ actor: editor, articleId, version: saved.version });
    expect(await article(articleId)).toMatchObject({ status: 'DRAFT', publishedRevisionId: null, title: '新草稿' });
  });
});

describe('editing', () => {
  it('edits a published article as a new DRAFT version while the old revision stays live', async () => {
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    const { articleId, version } = await importSample(page, editor.id);
    await approveAndPublish(articleId, version, editor, reviewer);
    const live = await article(articleId);

    const saved = await saveArticle(editor, await editInput(articleId, { title: '居民医保缴费周期(新版)', slug: 'xin-ban' }));
    expect(saved).toMatchObject({ version: version + 1, status: 'DRAFT' });
    const after = await db.article.findUniqueOrThrow({ where: { id: articleId }, include: { publishedRevision: true } });
    expect(after).toMatchObject({ status: 'DRAFT', version: version + 1, title: '居民医保缴费周期(新版)' });
    expect(after.publishedRevisionId).toBe(live.publishedRevisionId);
    expect(after.publishedRevision?.articleVersion).toBe(version);
    expect(await db.revision.count({ where: { articleId } })).toBe(2);

    const publicPage = await readPublishedArticle(live.slug);
    expect(publicPage?.title).toBe('居民医保只能一年一交吗');
    expect(await readPublishedArticle('xin-ban')).toBeNull();
    expect((await readLatestArticles(1)).items.map((i) => i.title)).toEqual(['居民医保只能一年一交吗']);

    // Once the new version is approved and published, it replaces the old one.
    const result = await (async () => {
      await submitForReview({ actor: editor, articleId, version: saved.version });
      await reviewArticle({ actor: reviewer, articleId, version: saved.version, decision: 'APPROVED', comment: '' });
      return publishArticle({ actor: editor, articleId, version: saved.version });
    })();
    expect(result).toMatchObject({ slug: 'xin-ban', previousSlug: live.slug });
    expect((await readPublishedArticle('xin-ban'))?.title).toBe('居民医保缴费周期(新版)');
    expect(await readPublishedArticle(live.slug)).toBeNull();
  });

  it('returns an approved article to DRAFT, so it needs a new approval', async () => {
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    const { articleId, version } = await importSample(page, editor.id);
    await submitForReview({ actor: editor, articleId, version });
    await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '' });

    const saved = await saveArticle(editor, await editInput(articleId, { summary: '批准后又改了' }));
    expect(saved.status).toBe('DRAFT');
    await expectAppError(publishArticle({ actor: editor, articleId, version: saved.version }), 'INVALID');
    await expectAppError(publishArticle({ actor: editor, articleId, version }), 'CONFLICT');
    expect(await article(articleId)).toMatchObject({ status: 'DRAFT', publishedRevisionId: null });
  });

  it('rejects the second of two saves from the same version and keeps the first', async () => {
    const editor = await makeUser('EDITOR');
    const other = await makeUser('EDITOR');
    const { articleId, version } = await importSample(page, editor.id);
    const first = await editInput(articleId, { title: '第一个编辑的标题' });
    const second = await editInput(articleId, { title: '第二个编辑的标题' });

    await saveArticle(editor, first);
    await expectAppError(saveArticle(other, second), 'CONFLICT');

    expect(await article(articleId)).toMatchObject({ title: '第一个编辑的标题', version: version + 1 });
    expect(await db.revision.count({ where: { articleId } })).toBe(2);
    expect(await db.auditEvent.count({ where: { entityId: articleId, action: 'article.save' } })).toBe(1);
  });

  it('lets exactly one of two concurrent saves from the same version win', async () => {
    const editor = await makeUser('EDITOR');
    const other = await makeUser('EDITOR');
    const { articleId, version } = await importSample(page, editor.id);
    const results = await Promise.allSettled([
      saveArticle(editor, await editInput(articleId, { title: '甲的标题' })),
      saveArticle(other, await editInput(articleId, { title: '乙的标题' })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toMatchObject({ name: 'AppError', code: 'CONFLICT' });
    const after = await article(articleId);
    expect(after.version).toBe(version + 1);
    expect(['甲的标题', '乙的标题']).toContain(after.title);
    expect(await db.revision.count({ where: { articleId } })).toBe(2);
  });

  it('saves regions, recommendations and the body as one new revision', async () => {
    const editor = await makeUser('EDITOR');
    const { articleId: targetId } = await importSample('001_09de7306f3693664.txt', editor.id);
    const { articleId, version } = await importSample(page, editor.id);
    const input = await editInput(articleId, {
      regions: [{ code: '440100', origin: 'MANUAL' }],
      recommendations: [{ title: '居民医保不能断吗', summary: '', category: '', itemDate: '', targetArticleId: targetId }],
    });
    await saveArticle(editor, input);
    const revision = await db.revision.findUniqueOrThrow({ where: { articleId_articleVersion: { articleId, articleVersion: version + 1 } } });
    expect(revision.regions).toEqual([{ code: '440100', origin: 'MANUAL', confidence: 1 }]);
    expect(revision.recommendations).toEqual([{ title: '居民医保不能断吗', summary: '', category: '', itemDate: null, targetArticleId: targetId }]);
    expect(revision.authorId).toBe(editor.id);
  });
});

describe('deleting (to trash)', () => {
  const user = (id: string, role: CurrentUser['role']): CurrentUser => ({ id, role, email: `${id}@test.local`, name: id });
  const draft = { createdById: 'ed', status: 'DRAFT', publishedRevisionId: null };

  it('lets an editor delete only their own drafts that never went live', () => {
    const editor = user('ed', 'EDITOR');
    expect(canDeleteArticle(editor, draft)).toBe(true);
    expect(canDeleteArticle(editor, { ...draft, status: 'CHANGES_REQUESTED' })).toBe(true);
    expect(canDeleteArticle(editor, { ...draft, createdById: 'someone-else' })).toBe(false);
    expect(canDeleteArticle(editor, { ...draft, createdById: null })).toBe(false);
    for (const status of ['IN_REVIEW', 'APPROVED', 'PUBLISHED', 'ARCHIVED']) expect(canDeleteArticle(editor, { ...draft, status })).toBe(false);
    expect(canDeleteArticle(editor, { ...draft, publishedRevisionId: 'rev' })).toBe(false);
  });

  it('never lets a reviewer delete, and lets an admin delete anything', () => {
    expect(canDeleteArticle(user('ed', 'REVIEWER'), draft)).toBe(false);
    const admin = user('admin', 'ADMIN');
    expect(canDeleteArticle(admin, { createdById: 'ed', status: 'PUBLISHED', publishedRevisionId: 'rev' })).toBe(true);
  });
});
