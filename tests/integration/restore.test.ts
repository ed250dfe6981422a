import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { saveArticle } from '@/lib/articles/save-article';
import { db } from '@/lib/db/client';
import { readPublishedArticle } from '@/lib/public/read-published';
import { diffVersions } from '@/lib/revisions/diff';
import { getVersion, listRevisions } from '@/lib/revisions/queries';
import { restoreVersion } from '@/lib/revisions/restore';
import { publishArticle, reviewArticle, submitForReview } from '@/lib/workflow/workflow';
import { editInput, importSample, makeUser, resetDatabase } from './helpers';

// Restoring a version writes a new one with the old content; history stays, the live page stays.
beforeEach(resetDatabase);
afterAll(() => db.$disconnect());

async function publish(articleId: string, editor: { id: string }, reviewer: { id: string }) {
  const { version } = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { version: true } });
  const actor = await db.user.findUniqueOrThrow({ where: { id: editor.id } });
  const approver = await db.user.findUniqueOrThrow({ where: { id: reviewer.id } });
  await submitForReview({ actor, articleId, version });
  await reviewArticle({ actor: approver, articleId, version, decision: 'APPROVED', comment: '' });
  await publishArticle({ actor, articleId, version });
  return version;
}

describe('restoring a version', () => {
  it('brings version 1 back as a new version, keeps the history and leaves the live page alone', async () => {
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    const v1 = await getVersion(articleId, 1);
    await saveArticle(editor, await editInput(articleId, { title: '居民医保只能一年一交吗（改）', summary: '改过的摘要', recommendations: [] }));
    const live = await publish(articleId, editor, reviewer);
    expect(live).toBe(2);

    const { version } = await restoreVersion(editor, articleId, 1, 2);
    expect(version).toBe(3);
    const v3 = await getVersion(articleId, 3);
    // The same content as version 1: nothing differs but nothing.
    expect(diffVersions(v1!, v3!).changed).toBe(false);
    const history = await listRevisions(articleId);
    expect(history!.revisions.map((r) => [r.version, r.origin, r.isLive, r.isWorkingCopy])).toEqual([
      [3, 'restore', false, true],
      [2, 'save', true, false],
      [1, 'import', false, false],
    ]);
    expect(history!.revisions[0].note).toBe('恢复版本 1');
    // The public page still shows the published version 2.
    const publicPage = await readPublishedArticle((await getVersion(articleId, 2))!.slug);
    expect(publicPage!.title).toBe('居民医保只能一年一交吗（改）');
    expect(publicPage!.recommendations).toEqual([]);
    // A restored live article is an edit: it needs review again.
    expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).status).toBe('DRAFT');
  });

  it('refuses a restore started from an outdated version, and a reviewer', async () => {
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    await saveArticle(editor, await editInput(articleId, { title: '第二版' }));
    await expect(restoreVersion(editor, articleId, 1, 1)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(restoreVersion(reviewer, articleId, 1, 2)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(restoreVersion(editor, articleId, 9, 2)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).version).toBe(2);
  });
});
