import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listArticles } from '@/lib/articles/queries';
import { parseArticleListQuery } from '@/lib/articles/list-query';
import { saveArticle } from '@/lib/articles/save-article';
import type { CurrentUser } from '@/lib/auth/session-types';
import { auditFilterSchema, listAuditEvents } from '@/lib/audit/audit-log';
import { db } from '@/lib/db/client';
import { getJobQueue, stopJobQueue, trashPurgeCron, trashPurgeQueue } from '@/lib/jobs/queue';
import { startWorkers } from '@/lib/jobs/workers';
import type { AppErrorCode } from '@/lib/errors';
import { publicTags } from '@/lib/public-cache/cache-tags';
import { readGoneSlugs } from '@/lib/public-cache/gone-slugs';
import { readPublishedArticle } from '@/lib/public/read-published';
import { deletePermanently } from '@/lib/trash/delete-permanently';
import { findLinkingPages } from '@/lib/trash/linking-pages';
import { moveToTrash } from '@/lib/trash/move-to-trash';
import { purgeExpiredTrash } from '@/lib/trash/purge-trash';
import { readTrashConfirmation, readTrashPage } from '@/lib/trash/queries';
import { restoreFromTrash } from '@/lib/trash/restore-from-trash';
import { publishArticle, reviewArticle, submitForReview } from '@/lib/workflow/workflow';
import { editInput, importSample, makeUser, resetDatabase } from './helpers';

// The trash (issue 11): who may move what there, a live article unpublished on the way in the
// same transaction, restore as a draft, permanent delete by admins with what references the
// article, and the scheduled purge of entries older than 30 days.

const pages = {
  a: '000_f9d22c9b16a877c9.txt', // 居民医保只能一年一交吗
  b: '001_09de7306f3693664.txt', // 居民医保不能断吗
  c: '002_61664b8a0a0df384.txt', // 如何在居住地购买城乡居民医疗保险
  d: '003_91985a4ab1a3ef30.txt', // 停了居民医保当月就不能用了吗
};
const day = 24 * 60 * 60 * 1000;

let editor: CurrentUser;
let otherEditor: CurrentUser;
let reviewer: CurrentUser;
let admin: CurrentUser;

async function expectAppError(promise: Promise<unknown>, code: AppErrorCode) {
  await expect(promise).rejects.toMatchObject({ name: 'AppError', code });
}

const state = (id: string) =>
  db.article.findUnique({
    where: { id },
    select: { status: true, version: true, deletedAt: true, deletedById: true, publishedRevisionId: true, slug: true, title: true },
  });

async function publish(articleId: string) {
  const { version } = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { version: true } });
  await submitForReview({ actor: editor, articleId, version });
  await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '' });
  return publishArticle({ actor: editor, articleId, version });
}

/** An imported sample, published; its live slug and version. */
async function liveArticle(name: string) {
  const { articleId } = await importSample(name, editor.id);
  const { slug } = await publish(articleId);
  const { version } = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { version: true } });
  return { articleId, slug, version };
}

/** Saves `ownerId` with a first recommendation item linked to `targetId`. */
async function linkTo(ownerId: string, targetId: string) {
  const target = await db.article.findUniqueOrThrow({ where: { id: targetId }, select: { title: true } });
  const input = await editInput(ownerId);
  input.recommendations = [{ title: target.title, summary: '', category: '医保问答', itemDate: '', targetArticleId: targetId }, ...input.recommendations];
  return saveArticle(editor, input);
}

/** What the public site holds of an article: its page, search row, region rows and gone slugs. */
async function publicFootprint(articleId: string, slug: string) {
  return {
    page: (await readPublishedArticle(slug))?.id ?? null,
    search: await db.publishedArticleSearch.count({ where: { articleId } }),
    regions: await db.publishedArticleRegion.count({ where: { articleId } }),
    gone: (await readGoneSlugs(db)).includes(slug),
  };
}

beforeEach(async () => {
  await resetDatabase();
  editor = await makeUser('EDITOR');
  otherEditor = await makeUser('EDITOR');
  reviewer = await makeUser('REVIEWER');
  admin = await makeUser('ADMIN');
});
afterAll(async () => {
  await stopJobQueue();
  await db.$disconnect();
});

describe('moving to the trash', () => {
  it('lets an editor move their own draft there: out of the article list, into the trash with who and when, audited', async () => {
    const { articleId, version } = await importSample(pages.a, editor.id);
    const changesBefore = await db.publicChange.count();

    const result = await moveToTrash({ actor: editor, articleId, version, ip: '192.0.2.7' });

    expect(result).toEqual({ title: '居民医保只能一年一交吗', publicTags: [] });
    const after = await state(articleId);
    expect(after).toMatchObject({ status: 'DRAFT', version, deletedById: editor.id, publishedRevisionId: null });
    expect(after!.deletedAt).toBeInstanceOf(Date);
    // Nothing public was live, so nothing public changes.
    expect(await db.publicChange.count()).toBe(changesBefore);
    expect((await listArticles(parseArticleListQuery({}))).rows.map((r) => r.id)).not.toContain(articleId);

    const trash = await readTrashPage(editor, 1);
    expect(trash.total).toBe(1);
    expect(trash.rows[0]).toMatchObject({ id: articleId, deletedBy: editor.name, createdBy: editor.name, canRestore: true, canDelete: false, wasLive: false });
    expect(new Date(trash.rows[0].purgeAt).getTime() - new Date(trash.rows[0].deletedAt).getTime()).toBe(30 * day);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: articleId, action: 'article.trash' } });
    expect(audit).toMatchObject({ actorId: editor.id, ip: '192.0.2.7', summary: { title: '居民医保只能一年一交吗', status: 'DRAFT', version } });
    // In the trash it is no longer an article anyone can work on.
    await expectAppError(submitForReview({ actor: editor, articleId, version }), 'NOT_FOUND');
    await expectAppError(saveArticle(editor, { ...(await editInput(articleId)), title: '改个标题' }), 'NOT_FOUND');
    await expectAppError(moveToTrash({ actor: editor, articleId, version }), 'NOT_FOUND');
  });

  it('refuses editors anything but their own drafts that are not live, reviewers everything; nothing changes', async () => {
    const own = await importSample(pages.a, editor.id);
    const others = await importSample(pages.b, otherEditor.id);
    await expectAppError(moveToTrash({ actor: editor, articleId: others.articleId, version: others.version }), 'FORBIDDEN');
    await expectAppError(moveToTrash({ actor: reviewer, articleId: own.articleId, version: own.version }), 'FORBIDDEN');
    await submitForReview({ actor: editor, articleId: own.articleId, version: own.version });
    await expectAppError(moveToTrash({ actor: editor, articleId: own.articleId, version: own.version }), 'FORBIDDEN');

    // A live article of the editor's, also while a new draft of it is being edited.
    const live = await liveArticle(pages.c);
    const before = await publicFootprint(live.articleId, live.slug);
    await expectAppError(moveToTrash({ actor: editor, articleId: live.articleId, version: live.version }), 'FORBIDDEN');
    const { version: draftVersion } = await saveArticle(editor, await editInput(live.articleId, { summary: '新的摘要' }));
    expect((await state(live.articleId))!.status).toBe('DRAFT');
    await expectAppError(moveToTrash({ actor: editor, articleId: live.articleId, version: draftVersion }), 'FORBIDDEN');

    expect(before).toEqual({ page: live.articleId, search: 1, regions: expect.any(Number), gone: false });
    expect(await publicFootprint(live.articleId, live.slug)).toEqual(before);
    expect(await db.article.count({ where: { deletedAt: { not: null } } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: 'article.trash' } })).toBe(0);
  });

  it('takes a live article down in the same transaction: status, search, 410 for its addresses, the change feed, two audit rows', async () => {
    const target = await liveArticle(pages.a);
    // A rename leaves an older address that redirects; both must answer 410 afterwards.
    const renamed = await saveArticle(editor, await editInput(target.articleId, { slug: 'ju-min-yi-bao-xin-di-zhi' }));
    await publish(target.articleId);
    const linking = await importSample(pages.b, editor.id);
    await linkTo(linking.articleId, target.articleId);
    const { slug: linkingSlug } = await publish(linking.articleId);
    expect((await readPublishedArticle(linkingSlug))!.recommendations[0].href).toBe('/a/ju-min-yi-bao-xin-di-zhi');
    const feedBefore = await db.publicChange.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });

    const result = await moveToTrash({ actor: admin, articleId: target.articleId, version: renamed.version });

    const after = await state(target.articleId);
    expect(after).toMatchObject({ status: 'ARCHIVED', publishedRevisionId: null, deletedById: admin.id });
    expect(await publicFootprint(target.articleId, 'ju-min-yi-bao-xin-di-zhi')).toEqual({ page: null, search: 0, regions: 0, gone: true });
    expect((await readGoneSlugs(db)).sort()).toEqual([target.slug, 'ju-min-yi-bao-xin-di-zhi'].sort());
    // The linking page shows the item as a plain card, and is among the pages the change expires.
    expect((await readPublishedArticle(linkingSlug))!.recommendations[0].href).toBeNull();
    expect(result.publicTags).toEqual(
      expect.arrayContaining([
        publicTags.article(target.articleId),
        publicTags.slug('ju-min-yi-bao-xin-di-zhi'),
        publicTags.slug(target.slug),
        publicTags.linksTo(target.articleId),
        publicTags.gone,
        publicTags.home,
        publicTags.search,
      ]),
    );
    const feed = await db.publicChange.findMany({ where: { id: { gt: feedBefore!.id } } });
    expect(feed).toHaveLength(1);
    expect([...feed[0].tags].sort()).toEqual(result.publicTags);

    const events = await db.auditEvent.findMany({ where: { entityId: target.articleId }, orderBy: { id: 'desc' }, take: 2 });
    expect(events.map((e) => e.action)).toEqual(['article.trash', 'article.unpublish']);
    expect(events[1]).toMatchObject({ actorId: admin.id, summary: { from: 'PUBLISHED', to: 'ARCHIVED', slug: 'ju-min-yi-bao-xin-di-zhi' } });
    expect(events[0].summary).toMatchObject({ status: 'ARCHIVED', unpublished: 'ju-min-yi-bao-xin-di-zhi' });
  });

  it('leaves the live page untouched when the move fails after the unpublish (one transaction) or the version is stale', async () => {
    const live = await liveArticle(pages.a);
    const before = await publicFootprint(live.articleId, live.slug);
    const feedBefore = await db.publicChange.count();

    await expectAppError(moveToTrash({ actor: admin, articleId: live.articleId, version: live.version - 1 }), 'CONFLICT');

    // The database refuses the trash mark, which is written after the unpublish.
    await db.$executeRawUnsafe(`CREATE FUNCTION refuse_trash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'trash test: refusing'; END $$`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_trash BEFORE UPDATE ON "Article" FOR EACH ROW WHEN (NEW."deletedAt" IS NOT NULL) EXECUTE FUNCTION refuse_trash()`,
    );
    try {
      await expect(moveToTrash({ actor: admin, articleId: live.articleId, version: live.version })).rejects.toThrow(/refusing/);
    } finally {
      await db.$executeRawUnsafe('DROP TRIGGER refuse_trash ON "Article"');
      await db.$executeRawUnsafe('DROP FUNCTION refuse_trash()');
    }

    expect(await state(live.articleId)).toMatchObject({ status: 'PUBLISHED', deletedAt: null, publishedRevisionId: expect.any(String) });
    expect(await publicFootprint(live.articleId, live.slug)).toEqual(before);
    expect(await db.publicChange.count()).toBe(feedBefore);
    expect(await db.goneSlug.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { entityId: live.articleId, action: { in: ['article.unpublish', 'article.trash'] } } })).toBe(0);
  });
});

describe('the confirmation', () => {
  it('names the pages that link to a live article: by item, by title, and a live page whose draft dropped the link', async () => {
    const target = await liveArticle(pages.a);
    const byItem = await importSample(pages.b, editor.id);
    await linkTo(byItem.articleId, target.articleId);
    await publish(byItem.articleId);
    // A draft linking to it (only its working copy does).
    const draftOnly = await importSample(pages.c, editor.id);
    await linkTo(draftOnly.articleId, target.articleId);
    // A live page linking to it whose working copy has since dropped the link.
    const edited = await importSample(pages.d, editor.id);
    const { version: linkedVersion } = await linkTo(edited.articleId, target.articleId);
    await publish(edited.articleId);
    const dropped = await editInput(edited.articleId);
    dropped.recommendations = dropped.recommendations.slice(1);
    await saveArticle(editor, dropped);
    expect((await db.article.findUniqueOrThrow({ where: { id: edited.articleId } })).version).toBe(linkedVersion + 1);

    const confirmation = await readTrashConfirmation(admin, target.articleId);
    expect(confirmation).toMatchObject({ liveSlug: target.slug, canTrash: true, version: target.version });
    const titleOf = async (id: string) => (await state(id))!.title;
    expect(confirmation!.linking.total).toBe(3);
    expect(confirmation!.linking.pages).toEqual(
      expect.arrayContaining([
        { id: byItem.articleId, title: await titleOf(byItem.articleId), linksLive: true },
        { id: edited.articleId, title: await titleOf(edited.articleId), linksLive: true },
        { id: draftOnly.articleId, title: await titleOf(draftOnly.articleId), linksLive: false },
      ]),
    );
    // Live links first.
    expect(confirmation!.linking.pages[2].id).toBe(draftOnly.articleId);

    // An unlinked item of the same title links to it on a live page too (by title, as the public page does).
    const { slug: byItemSlug } = await db.article.findUniqueOrThrow({ where: { id: byItem.articleId }, select: { slug: true } });
    const unlinked = await editInput(byItem.articleId);
    unlinked.recommendations[0] = { ...unlinked.recommendations[0], targetArticleId: null };
    await saveArticle(editor, unlinked);
    await publish(byItem.articleId);
    expect((await readPublishedArticle(byItemSlug))!.recommendations[0].href).toBe(`/a/${target.slug}`);
    expect((await findLinkingPages(db, target.articleId, '居民医保只能一年一交吗')).pages.find((p) => p.id === byItem.articleId)).toMatchObject({
      linksLive: true,
    });
    // A page in the trash is not named.
    await moveToTrash({ actor: editor, articleId: draftOnly.articleId, version: (await state(draftOnly.articleId))!.version });
    expect((await readTrashConfirmation(admin, target.articleId))!.linking.total).toBe(2);
  });

  it('says an editor may not move what is not theirs', async () => {
    const others = await importSample(pages.b, otherEditor.id);
    expect(await readTrashConfirmation(editor, others.articleId)).toMatchObject({ canTrash: false, liveSlug: null });
    expect(await readTrashConfirmation(editor, 'no-such-article')).toBeNull();
  });
});

describe('restoring', () => {
  it('brings an article back as a draft; what was live stays down (410) until it is published again', async () => {
    const live = await liveArticle(pages.a);
    await moveToTrash({ actor: admin, articleId: live.articleId, version: live.version });

    const result = await restoreFromTrash({ actor: admin, articleId: live.articleId, ip: '192.0.2.8' });

    expect(result).toEqual({ title: '居民医保只能一年一交吗' });
    expect(await state(live.articleId)).toMatchObject({
      status: 'DRAFT',
      deletedAt: null,
      deletedById: null,
      publishedRevisionId: null,
      version: live.version,
    });
    expect(await publicFootprint(live.articleId, live.slug)).toEqual({ page: null, search: 0, regions: 0, gone: true });
    expect((await listArticles(parseArticleListQuery({}))).rows.map((r) => r.id)).toContain(live.articleId);
    expect(await db.auditEvent.findFirstOrThrow({ where: { entityId: live.articleId, action: 'article.restore' } })).toMatchObject({
      actorId: admin.id,
      ip: '192.0.2.8',
      summary: { from: 'ARCHIVED', to: 'DRAFT' },
    });
    // It goes through review again, and then it is live at its address once more.
    await publish(live.articleId);
    expect(await publicFootprint(live.articleId, live.slug)).toMatchObject({ page: live.articleId, search: 1, gone: false });
    await expectAppError(restoreFromTrash({ actor: admin, articleId: live.articleId }), 'NOT_FOUND');
  });

  it('lets an editor restore what they moved there themselves, nothing else; reviewers nothing', async () => {
    const own = await importSample(pages.a, editor.id);
    await moveToTrash({ actor: editor, articleId: own.articleId, version: own.version });
    const ownMovedByAdmin = await importSample(pages.b, editor.id);
    await moveToTrash({ actor: admin, articleId: ownMovedByAdmin.articleId, version: ownMovedByAdmin.version });
    const others = await importSample(pages.c, otherEditor.id);
    await moveToTrash({ actor: otherEditor, articleId: others.articleId, version: others.version });

    const trash = await readTrashPage(editor, 1);
    expect(Object.fromEntries(trash.rows.map((r) => [r.id, r.canRestore]))).toEqual({
      [own.articleId]: true,
      [ownMovedByAdmin.articleId]: false,
      [others.articleId]: false,
    });
    await expectAppError(restoreFromTrash({ actor: editor, articleId: ownMovedByAdmin.articleId }), 'FORBIDDEN');
    await expectAppError(restoreFromTrash({ actor: editor, articleId: others.articleId }), 'FORBIDDEN');
    await expectAppError(restoreFromTrash({ actor: reviewer, articleId: own.articleId }), 'FORBIDDEN');
    expect(await db.article.count({ where: { deletedAt: { not: null } } })).toBe(3);

    await restoreFromTrash({ actor: editor, articleId: own.articleId });
    expect(await state(own.articleId)).toMatchObject({ deletedAt: null, status: 'DRAFT' });
    // Not found for what is not in the trash (the id came from the client).
    await expectAppError(restoreFromTrash({ actor: editor, articleId: own.articleId }), 'NOT_FOUND');
  });

  it('keeps the links other lists have to an article in the trash, and refuses new ones', async () => {
    const target = await importSample(pages.a, editor.id);
    const owner = await importSample(pages.b, editor.id);
    await linkTo(owner.articleId, target.articleId);
    await moveToTrash({ actor: editor, articleId: target.articleId, version: target.version });

    // The owner can still be saved with its link, which works again once the target is back.
    const kept = await saveArticle(editor, await editInput(owner.articleId, { summary: '改了摘要' }));
    expect(kept.version).toBeGreaterThan(owner.version);
    expect((await db.recommendationItem.findFirstOrThrow({ where: { articleId: owner.articleId, position: 0 } })).targetArticleId).toBe(target.articleId);

    const fresh = await importSample(pages.c, editor.id);
    const input = await editInput(fresh.articleId);
    input.recommendations = [{ title: '居民医保只能一年一交吗', summary: '', category: '', itemDate: '', targetArticleId: target.articleId }];
    await expectAppError(saveArticle(editor, input), 'INVALID');
  });
});

describe('deleting permanently', () => {
  it('is for admins, and only for what is in the trash', async () => {
    const draft = await importSample(pages.a, editor.id);
    await expectAppError(deletePermanently({ actor: admin, articleId: draft.articleId }), 'NOT_FOUND');
    await moveToTrash({ actor: editor, articleId: draft.articleId, version: draft.version });
    await expectAppError(deletePermanently({ actor: editor, articleId: draft.articleId }), 'FORBIDDEN');
    await expectAppError(deletePermanently({ actor: reviewer, articleId: draft.articleId }), 'FORBIDDEN');
    expect(await state(draft.articleId)).not.toBeNull();
    expect((await readTrashPage(admin, 1)).rows[0]).toMatchObject({ canDelete: true, canRestore: true });
  });

  it('deletes the article with its revisions and reviews; links to it become plain items; its old addresses stay 410; audited', async () => {
    const target = await liveArticle(pages.a);
    const owner = await importSample(pages.b, editor.id);
    await linkTo(owner.articleId, target.articleId);
    const { slug: ownerSlug } = await publish(owner.articleId);
    // A draft of a new version on top of the live one (the live page goes, the draft stays a draft).
    const edited = await saveArticle(editor, await editInput(target.articleId, { summary: '新版本的摘要' }));
    await moveToTrash({ actor: admin, articleId: target.articleId, version: edited.version });
    expect(await state(target.articleId)).toMatchObject({ status: 'DRAFT', publishedRevisionId: null });
    const revisions = await db.revision.count({ where: { articleId: target.articleId } });
    expect(revisions).toBe(2);
    expect((await readTrashPage(admin, 1)).rows[0]).toMatchObject({ id: target.articleId, revisions, linkedFrom: 1, wasLive: true });

    const result = await deletePermanently({ actor: admin, articleId: target.articleId, ip: '192.0.2.9' });

    expect(result).toEqual({ id: target.articleId, title: '居民医保只能一年一交吗', revisions, unlinkedItems: 1 });
    expect(await state(target.articleId)).toBeNull();
    for (const count of [
      db.revision.count({ where: { articleId: target.articleId } }),
      db.review.count({ where: { articleId: target.articleId } }),
      db.articleRegion.count({ where: { articleId: target.articleId } }),
      db.recommendationItem.count({ where: { articleId: target.articleId } }),
      db.articleSearch.count({ where: { articleId: target.articleId } }),
    ]) {
      expect(await count).toBe(0);
    }
    // The other article's item keeps its own text and links nowhere; its live page shows a card.
    const item = await db.recommendationItem.findFirstOrThrow({ where: { articleId: owner.articleId, position: 0 } });
    expect(item).toMatchObject({ targetArticleId: null, title: '居民医保只能一年一交吗', category: '医保问答' });
    expect((await readPublishedArticle(ownerSlug))!.recommendations[0]).toMatchObject({ title: '居民医保只能一年一交吗', href: null });
    expect(await readGoneSlugs(db)).toEqual([target.slug]);
    // The import history keeps the file without its article.
    expect(await db.importItem.count({ where: { articleId: null, title: '居民医保只能一年一交吗' } })).toBe(1);
    // The owner can still be edited and saved (its list no longer names the deleted article).
    await saveArticle(editor, await editInput(owner.articleId, { summary: '删除之后' }));

    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: target.articleId, action: 'article.delete' } });
    expect(audit).toMatchObject({
      actorId: admin.id,
      ip: '192.0.2.9',
      summary: { title: '居民医保只能一年一交吗', slug: target.slug, revisions, unlinkedItems: 1, trashedBy: admin.name },
    });
    // The earlier audit rows of the article stay, and the log still names it.
    expect(await db.auditEvent.count({ where: { entityId: target.articleId, action: 'article.publish' } })).toBe(1);
    const log = await listAuditEvents(auditFilterSchema.parse({ article: target.articleId }));
    expect(log.rows.length).toBeGreaterThan(3);
    expect(log.rows.every((row) => row.articleTitle === '居民医保只能一年一交吗' && row.articleDeleted)).toBe(true);
    const ownerLog = await listAuditEvents(auditFilterSchema.parse({ article: owner.articleId }));
    expect(ownerLog.rows.every((row) => !row.articleDeleted)).toBe(true);
    await expectAppError(deletePermanently({ actor: admin, articleId: target.articleId }), 'NOT_FOUND');
  });

  it('keeps the addresses gone of an article put in the trash while live before the trash existed', async () => {
    const live = await liveArticle(pages.a);
    await db.article.update({ where: { id: live.articleId }, data: { deletedAt: new Date() } });
    expect(await readGoneSlugs(db)).toEqual([live.slug]);
    await deletePermanently({ actor: admin, articleId: live.articleId });
    expect(await readGoneSlugs(db)).toEqual([live.slug]);
  });
});

describe('the purge of the trash', () => {
  async function trashedDaysAgo(name: string, days: number, before?: (articleId: string) => Promise<unknown>) {
    const { articleId } = await importSample(name, editor.id);
    await before?.(articleId);
    await moveToTrash({ actor: editor, articleId, version: (await state(articleId))!.version });
    await db.article.update({ where: { id: articleId }, data: { deletedAt: new Date(Date.now() - days * day) } });
    return articleId;
  }

  it('deletes what was moved there more than 30 days ago, in the name of no one, and nothing else', async () => {
    const linker = await importSample(pages.d, editor.id);
    const old = await trashedDaysAgo(pages.a, 31, (id) => linkTo(linker.articleId, id));
    const recent = await trashedDaysAgo(pages.b, 29);
    const kept = await importSample(pages.c, editor.id);

    const due = Object.fromEntries((await readTrashPage(admin, 1)).rows.map((row) => [row.id, row.purgeDue]));
    expect(due).toEqual({ [old]: true, [recent]: false });

    expect(await purgeExpiredTrash(db)).toEqual({ purged: 1 });

    expect(await state(old)).toBeNull();
    expect(await db.revision.count({ where: { articleId: old } })).toBe(0);
    expect(await state(recent)).toMatchObject({ deletedAt: expect.any(Date) });
    expect(await state(kept.articleId)).toMatchObject({ deletedAt: null });
    expect((await db.recommendationItem.findFirstOrThrow({ where: { articleId: linker.articleId, position: 0 } })).targetArticleId).toBeNull();
    expect(await db.auditEvent.findFirstOrThrow({ where: { entityId: old, action: 'article.purge' } })).toMatchObject({
      actorId: null,
      summary: { title: '居民医保只能一年一交吗', trashedBy: editor.name },
    });
    // Nothing more is due; a day later, the other one is.
    expect(await purgeExpiredTrash(db)).toEqual({ purged: 0 });
    expect(await purgeExpiredTrash(db, new Date(Date.now() + 2 * day))).toEqual({ purged: 1 });
    expect(await db.article.count()).toBe(2);
  });

  it('spares an article restored in time', async () => {
    const old = await trashedDaysAgo(pages.a, 40);
    await restoreFromTrash({ actor: editor, articleId: old });
    expect(await purgeExpiredTrash(db)).toEqual({ purged: 0 });
    expect(await state(old)).toMatchObject({ deletedAt: null, status: 'DRAFT' });
  });
});

describe('the scheduled job', () => {
  it('is a pg-boss schedule kept in the database, and its worker purges', async () => {
    const { articleId, version } = await importSample(pages.a, editor.id);
    await moveToTrash({ actor: editor, articleId, version });
    await db.article.update({ where: { id: articleId }, data: { deletedAt: new Date(Date.now() - 31 * day) } });

    // A run as the schedule sends it, waiting when the worker starts (its first poll is at once).
    const boss = await getJobQueue({ schedules: true });
    await boss.send(trashPurgeQueue, {});
    await startWorkers(db);
    const deadline = Date.now() + 20_000;
    while ((await state(articleId)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await state(articleId)).toBeNull();
    expect(await db.auditEvent.count({ where: { entityId: articleId, action: 'article.purge' } })).toBe(1);

    // The schedule is a row of pg-boss's own tables: a restarted server finds it there.
    await stopJobQueue();
    const schedules = await db.$queryRaw<{ name: string; cron: string }[]>`SELECT name, cron FROM pgboss.schedule`;
    expect(schedules).toContainEqual({ name: trashPurgeQueue, cron: trashPurgeCron });
  });
});
