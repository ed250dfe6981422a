import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { acquireEditLock, EDIT_LOCK_SECONDS, heartbeatEditLock, releaseEditLock, takeOverEditLock } from '@/lib/articles/edit-lock';
import { saveArticle } from '@/lib/articles/save-article';
import { db } from '@/lib/db/client';
import { listRevisions } from '@/lib/revisions/queries';
import { restoreVersion } from '@/lib/revisions/restore';
import { reviewArticle, submitForReview } from '@/lib/workflow/workflow';
import { editInput, importSample, makeUser, resetDatabase } from './helpers';

// Autosave revisions and edit locks (lib/articles/save-article.ts, lib/articles/edit-lock.ts).
beforeEach(resetDatabase);
afterAll(() => db.$disconnect());

const versions = async (articleId: string) => (await listRevisions(articleId))!.revisions.map((r) => [r.version, r.origin, r.note]);
const saves = (articleId: string) => db.auditEvent.count({ where: { entityId: articleId, action: 'article.save' } });

async function autosave(actor: { id: string; email: string; name: string; role: 'EDITOR' | 'ADMIN' | 'REVIEWER' }, articleId: string, title: string) {
  return saveArticle(actor, await editInput(articleId, { title }), null, { autosave: true });
}

describe('autosave', () => {
  it("grows one revision for one person's consecutive autosaves, which a manual save closes", async () => {
    const editor = await makeUser('EDITOR');
    const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    expect((await autosave(editor, articleId, '居民医保')).version).toBe(2);
    expect((await autosave(editor, articleId, '居民医保只能')).version).toBe(3);
    expect((await autosave(editor, articleId, '居民医保只能一年一交')).version).toBe(4);
    // One revision, holding the newest text, under the newest version.
    expect(await versions(articleId)).toEqual([
      [4, 'autosave', '自动保存'],
      [1, 'import', expect.any(String)],
    ]);
    expect((await db.revision.findFirstOrThrow({ where: { articleId, articleVersion: 4 } })).title).toBe('居民医保只能一年一交');
    // Audited once, when the revision was opened.
    expect(await saves(articleId)).toBe(1);

    // A manual save with more typing takes the revision over; the next autosave opens another.
    expect((await saveArticle(editor, await editInput(articleId, { title: '居民医保只能一年一交吗' }))).version).toBe(5);
    expect((await autosave(editor, articleId, '居民医保只能一年一交吗？')).version).toBe(6);
    expect(await versions(articleId)).toEqual([
      [6, 'autosave', '自动保存'],
      [5, 'save', '编辑保存'],
      [1, 'import', expect.any(String)],
    ]);
    expect(await saves(articleId)).toBe(3);
  });

  it('closes the open revision without a new version when nothing was typed since the autosave', async () => {
    const editor = await makeUser('EDITOR');
    const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    await autosave(editor, articleId, '自动保存过的标题');
    // The content sent is not written: the autosave already did.
    const closed = await saveArticle(editor, await editInput(articleId, { title: '自动保存过的标题' }), null, { closeAutosave: true });
    expect(closed.version).toBe(2);
    expect(await versions(articleId)).toEqual([
      [2, 'save', '编辑保存'],
      [1, 'import', expect.any(String)],
    ]);
    // With no open revision, the same call is an ordinary save.
    expect((await saveArticle(editor, await editInput(articleId, { title: '再改一次' }), null, { closeAutosave: true })).version).toBe(3);
    expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).title).toBe('再改一次');
  });

  it("starts a new revision after another person's change, a restore or a review", async () => {
    const editor = await makeUser('EDITOR');
    const admin = await makeUser('ADMIN');
    const reviewer = await makeUser('REVIEWER');
    const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    await autosave(editor, articleId, '甲的草稿');
    await autosave(admin, articleId, '管理员接着改');
    await autosave(editor, articleId, '甲又改回来');
    expect((await versions(articleId)).map(([v, origin]) => [v, origin])).toEqual([
      [4, 'autosave'],
      [3, 'autosave'],
      [2, 'autosave'],
      [1, 'import'],
    ]);

    // Submitted and sent back on version 4: the reviewed version stays as it was.
    const actor = await db.user.findUniqueOrThrow({ where: { id: editor.id } });
    await submitForReview({ actor, articleId, version: 4 });
    await reviewArticle({
      actor: await db.user.findUniqueOrThrow({ where: { id: reviewer.id } }),
      articleId,
      version: 4,
      decision: 'CHANGES_REQUESTED',
      comment: '请补充材料',
    });
    await autosave(editor, articleId, '补充了材料');
    await autosave(editor, articleId, '补充了材料清单');
    const history = await versions(articleId);
    expect(history.slice(0, 2).map(([v]) => v)).toEqual([6, 4]);
    expect((await db.revision.findFirstOrThrow({ where: { articleId, articleVersion: 4 } })).title).toBe('甲又改回来');

    // A restore writes its own revision; the next autosave does not overwrite it.
    await restoreVersion(editor, articleId, 1, 6);
    await autosave(editor, articleId, '恢复之后再改');
    expect((await versions(articleId)).slice(0, 2).map(([v, origin]) => [v, origin])).toEqual([
      [8, 'autosave'],
      [7, 'restore'],
    ]);
  });
});

describe('edit locks', () => {
  it('lets one person edit: others see who, cannot save, and may take over', async () => {
    const wang = await makeUser('EDITOR');
    const li = await makeUser('EDITOR');
    const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', wang.id);

    const first = await acquireEditLock(db, wang, articleId);
    expect(first.held).toBe(true);
    // The same person in a second tab holds it too.
    expect((await acquireEditLock(db, wang, articleId)).held).toBe(true);
    const other = await acquireEditLock(db, li, articleId);
    expect(other).toMatchObject({ held: false, holder: { userId: wang.id, name: wang.name } });
    await expect(saveArticle(li, await editInput(articleId, { title: '李的修改' }))).rejects.toMatchObject({
      code: 'LOCKED',
      message: expect.stringContaining(`${wang.name} 正在编辑`),
    });

    // Take-over: the first page's heartbeat learns it lost the lock, and to whom; its saves are refused.
    const taken = await takeOverEditLock(db, li, articleId);
    expect(taken.held).toBe(true);
    const secondTab = await acquireEditLock(db, wang, articleId);
    expect(secondTab.held).toBe(false);
    const lost = await heartbeatEditLock(db, wang, articleId, (first as { token: string }).token);
    expect(lost).toMatchObject({ held: false, holder: { userId: li.id } });
    await expect(saveArticle(wang, await editInput(articleId, { title: '王的修改' }))).rejects.toMatchObject({ code: 'LOCKED' });
    expect((await saveArticle(li, await editInput(articleId, { title: '李的修改' }))).version).toBe(2);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: articleId, action: 'article.lock-takeover' } });
    expect(audit).toMatchObject({ actorId: li.id, summary: { from: wang.name } });
  });

  it('expires a lock nobody keeps alive, and lets an admin release one', async () => {
    const wang = await makeUser('EDITOR');
    const li = await makeUser('EDITOR');
    const admin = await makeUser('ADMIN');
    const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', wang.id);
    const held = await acquireEditLock(db, wang, articleId);
    expect((await heartbeatEditLock(db, wang, articleId, (held as { token: string }).token)).held).toBe(true);

    // Not heard from for longer than its lifetime: free to take, and saves go through.
    await db.$executeRaw`UPDATE "ArticleLock" SET "heartbeatAt" = now() - make_interval(secs => ${EDIT_LOCK_SECONDS + 1})`;
    expect((await saveArticle(li, await editInput(articleId, { title: '过期后保存' }))).version).toBe(2);
    expect((await acquireEditLock(db, li, articleId)).held).toBe(true);

    // An editor cannot end someone else's lock; an admin can, and it is audited.
    await expect(releaseEditLock(db, wang, articleId, null)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await releaseEditLock(db, admin, articleId, null);
    expect(await db.articleLock.count({ where: { articleId } })).toBe(0);
    expect(await db.auditEvent.count({ where: { entityId: articleId, action: 'article.lock-release' } })).toBe(1);
    // A reviewer reads without locking: they cannot take one.
    await expect(acquireEditLock(db, await makeUser('REVIEWER'), articleId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('hands the lock to exactly one of two people opening the article at once', async () => {
    const people = await Promise.all([makeUser('EDITOR'), makeUser('EDITOR'), makeUser('ADMIN')]);
    const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', people[0].id);
    const states = await Promise.all(people.map((person) => acquireEditLock(db, person, articleId)));
    expect(states.filter((s) => s.held)).toHaveLength(1);
  });
});
