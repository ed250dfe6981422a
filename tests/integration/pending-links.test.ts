import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveArticle } from '@/lib/articles/save-article';
import type { RevisionRecommendation } from '@/lib/articles/write-revision';
import { db } from '@/lib/db/client';
import type { ArticleRecord } from '@/lib/export/article-record';
import { exportArticleRecords } from '@/lib/export/export-articles';
import { importPages } from '@/lib/import/import-pages';
import { runImportCommand } from '@/lib/import/import-command';
import { readPublishedArticle } from '@/lib/public/read-published';
import { createUser } from '@/lib/users/create-user';
import { publishArticle, reviewArticle, submitForReview } from '@/lib/workflow/workflow';
import { editInput, resetDatabase, samplePage } from './helpers';

// Recommendation links between NDJSON records survive an interrupted restore: the links a record
// left pending (its target comes later in the file) are kept in the database with the record,
// and the next run links them once the target is there.

const titleA = '居民医保只能一年一交吗';
const titleB = '居民医保不能断吗';
const accounts = [
  { email: 'editor@links.test', name: '编辑', role: 'EDITOR', password: 'correct-horse-battery' },
  { email: 'reviewer@links.test', name: '审核', role: 'REVIEWER', password: 'correct-horse-battery' },
] as const;

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'baoda-links-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  await db.$disconnect();
});
beforeEach(resetDatabase);

/** The sample whose first recommendation item is titled `title` (so it links to that page). */
async function withFirstItemTitle(name: string, title: string) {
  const lines = new TextDecoder().decode((await samplePage(name)).bytes).split('\n');
  lines[lines.findIndex((l) => l.trim() === '相关推荐') + 2] = title;
  return { name, bytes: new TextEncoder().encode(lines.join('\n')) };
}

/**
 * A and B recommend each other, A first in the export. A is live and edited since, so that its
 * record restores a published revision and a working one, both linking to B.
 */
async function exportedPair(): Promise<{ partial: string; whole: string }> {
  const [editor, reviewer] = await Promise.all(accounts.map((a) => createUser(db, a)));
  const report = await importPages(db, {
    actorId: editor.id,
    source: 'upload',
    files: [await withFirstItemTitle('000_f9d22c9b16a877c9.txt', titleB), await withFirstItemTitle('001_09de7306f3693664.txt', titleA)],
  });
  const a = report.files[0].articleId!;
  // Version 1 was written before B existed; version 2, saved now, links to B.
  await saveArticle(editor, await editInput(a, { summary: '发布的摘要' }));
  await submitForReview({ actor: editor, articleId: a, version: 2 });
  await reviewArticle({ actor: reviewer, articleId: a, version: 2, decision: 'APPROVED', comment: '' });
  await publishArticle({ actor: editor, articleId: a, version: 2 });
  await saveArticle(editor, await editInput(a, { summary: '编辑中的摘要' }));
  const records: ArticleRecord[] = [];
  for await (const record of exportArticleRecords(db, {})) records.push(record);
  expect(records.map((r) => r.title)).toEqual([titleA, titleB]);
  expect(records[0].published?.recommendations[0].target).toMatchObject({ slug: records[1].slug });
  const lines = [JSON.stringify({ format: 'baoda-articles', version: 1 }), ...records.map((r) => JSON.stringify(r))];
  const partial = path.join(workDir, 'partial.ndjson');
  const whole = path.join(workDir, 'whole.ndjson');
  await writeFile(partial, lines.slice(0, 2).join('\n'));
  await writeFile(whole, lines.join('\n'));
  await resetDatabase();
  await Promise.all(accounts.map((a) => createUser(db, a)));
  return { partial, whole };
}

const restore = (file: string) => runImportCommand(db, { paths: [file], dryRun: false, json: true, force: false, normalizePunctuation: true });

async function articleByTitle(title: string) {
  return db.article.findFirstOrThrow({ where: { title: { startsWith: title } }, include: { recommendations: { orderBy: { position: 'asc' } } } });
}

/** The first item's target in the working list, the working revision and the live revision. */
async function linksOfA() {
  const a = await articleByTitle(titleA);
  const working = await db.revision.findFirstOrThrow({ where: { articleId: a.id, articleVersion: a.version } });
  const live = await db.revision.findUniqueOrThrow({ where: { id: a.publishedRevisionId! } });
  const first = (revision: { recommendations: unknown }) => (revision.recommendations as RevisionRecommendation[])[0].targetArticleId;
  return { id: a.id, version: a.version, list: a.recommendations[0].targetArticleId, working: first(working), live: first(live) };
}

describe('pending recommendation links of an NDJSON restore', () => {
  it('are kept when the target has not come yet, and linked by the next run that brings it', async () => {
    const { partial, whole } = await exportedPair();
    // The restore stops after A: A's link to B waits, in the database.
    const first = await restore(partial);
    expect(first.report.files.map((f) => f.outcome)).toEqual(['created']);
    expect(await linksOfA()).toMatchObject({ list: null, working: null, live: null });
    expect(await db.pendingRecommendationLink.count()).toBe(2); // the working list's item, the live list's

    const second = await restore(whole);
    expect(second.report.files.map((f) => f.outcome)).toEqual(['unchanged', 'created']);
    const b = await articleByTitle(titleB);
    expect(await linksOfA()).toMatchObject({ list: b.id, working: b.id, live: b.id });
    expect(b.recommendations[0].targetArticleId).toBe((await linksOfA()).id);
    expect(await db.pendingRecommendationLink.count()).toBe(0);
    // The restored live page links to B from now on.
    const page = await readPublishedArticle((await db.revision.findFirstOrThrow({ where: { id: (await articleByTitle(titleA)).publishedRevisionId! } })).slug);
    expect(page!.linkTargets.ids).toContain(b.id);
  });

  it('are linked by the next run after a restore killed before its end', async () => {
    const { whole } = await exportedPair();
    const run = promisify(execFile);
    // Node itself with tsx as a loader (not the tsx wrapper), so that the signal reaches us as is.
    const signal = await run(process.execPath, ['--import', 'tsx', 'tests/fixtures/import/kill-during-restore.ts', '2', whole], { env: process.env }).then(
      () => null,
      (error: { signal?: string | null }) => error.signal,
    );
    expect(signal).toBe('SIGKILL');
    // Both records are in; A's link to B was left for the end that never came.
    const b = await articleByTitle(titleB);
    expect(await linksOfA()).toMatchObject({ list: null, working: null, live: null });
    expect(await db.pendingRecommendationLink.count()).toBe(2);

    const again = await restore(whole);
    expect(again.report.files.map((f) => f.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(await linksOfA()).toMatchObject({ list: b.id, working: b.id, live: b.id });
    expect(await db.pendingRecommendationLink.count()).toBe(0);
  });

  it('leave the working list alone once an editor changed the article, and still complete the revisions', async () => {
    const { partial, whole } = await exportedPair();
    await restore(partial);
    const before = await linksOfA();
    const editor = await db.user.findUniqueOrThrow({ where: { email: accounts[0].email } });
    const input = await editInput(before.id);
    // The editor puts another, external item first.
    await saveArticle(editor, {
      ...input,
      recommendations: [{ title: '编辑加的推荐', summary: '', category: '', itemDate: '', targetArticleId: null }, ...input.recommendations],
    });

    const second = await restore(whole);
    expect(second.report.files.map((f) => [f.outcome, f.reason ?? null])).toEqual([
      ['failed', 'CONFLICT'],
      ['created', null],
    ]);
    const b = await articleByTitle(titleB);
    const a = await articleByTitle(titleA);
    expect(a.recommendations.map((r) => [r.title, r.targetArticleId])).toEqual([
      ['编辑加的推荐', null],
      [titleB, null],
      ...a.recommendations.slice(2).map((r) => [r.title, r.targetArticleId]),
    ]);
    // The revisions the restore wrote link as the exported ones did.
    const restoredWorking = await db.revision.findFirstOrThrow({ where: { articleId: a.id, articleVersion: before.version } });
    expect((restoredWorking.recommendations as RevisionRecommendation[])[0].targetArticleId).toBe(b.id);
    expect((await linksOfA()).live).toBe(b.id);
    expect(await db.pendingRecommendationLink.count()).toBe(0);
  });
});
