import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveArticle } from '@/lib/articles/save-article';
import { db } from '@/lib/db/client';
import type { ArticleRecord } from '@/lib/export/article-record';
import { exportArticleRecords } from '@/lib/export/export-articles';
import { runImportCommand } from '@/lib/import/import-command';
import { createUser } from '@/lib/users/create-user';
import { publishArticle, reviewArticle, submitForReview } from '@/lib/workflow/workflow';
import { editInput, importSample, resetDatabase } from './helpers';

// Reviews travel in the NDJSON export and come back with the article a record creates; the
// reviewer is mapped by email, and a review whose reviewer has no account here is left out.

const accounts = {
  editor: { email: 'editor@reviews.test', name: '编辑', role: 'EDITOR', password: 'correct-horse-battery' },
  first: { email: 'first@reviews.test', name: '一审', role: 'REVIEWER', password: 'correct-horse-battery' },
  second: { email: 'second@reviews.test', name: '二审', role: 'REVIEWER', password: 'correct-horse-battery' },
} as const;

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'baoda-reviews-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  await db.$disconnect();
});
beforeEach(resetDatabase);

async function records(): Promise<ArticleRecord[]> {
  const all: ArticleRecord[] = [];
  for await (const record of exportArticleRecords(db, {})) all.push(record);
  return all;
}

async function writeNdjson(name: string, list: unknown[]): Promise<string> {
  const file = path.join(workDir, name);
  await writeFile(file, [JSON.stringify({ format: 'baoda-articles', version: 1 }), ...list.map((r) => JSON.stringify(r))].join('\n'));
  return file;
}

const importFile = (file: string) => runImportCommand(db, { paths: [file], dryRun: false, json: true, force: false, normalizePunctuation: true });

/** An article sent back once (version 1) by the first reviewer, then approved (version 2) by the second and published. */
async function reviewedArticle() {
  const editor = await createUser(db, accounts.editor);
  const first = await createUser(db, accounts.first);
  const second = await createUser(db, accounts.second);
  const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
  await submitForReview({ actor: editor, articleId, version: 1 });
  await reviewArticle({ actor: first, articleId, version: 1, decision: 'CHANGES_REQUESTED', comment: '请补充报销比例' });
  await saveArticle(editor, await editInput(articleId, { summary: '补充了报销比例' }));
  await submitForReview({ actor: editor, articleId, version: 2 });
  await reviewArticle({ actor: second, articleId, version: 2, decision: 'APPROVED', comment: '' });
  await publishArticle({ actor: editor, articleId, version: 2 });
  return articleId;
}

describe('reviews in the NDJSON export', () => {
  it('exports every review and restores them with the new article, reviewers mapped by email', async () => {
    await reviewedArticle();
    const [record] = await records();
    expect(record.reviews).toEqual([
      { reviewer: accounts.first.email, decision: 'CHANGES_REQUESTED', comment: '请补充报销比例', articleVersion: 1, createdAt: expect.any(String) },
      { reviewer: accounts.second.email, decision: 'APPROVED', comment: '', articleVersion: 2, createdAt: expect.any(String) },
    ]);
    const file = await writeNdjson('reviews.ndjson', [record]);

    await resetDatabase();
    await Promise.all(Object.values(accounts).map((a) => createUser(db, a)));
    const { report, exitCode } = await importFile(file);
    expect(exitCode).toBe(0);
    expect(report.files[0]).toMatchObject({ outcome: 'created' });
    expect(report.files[0].warnings).toBeUndefined();
    const [restored] = await records();
    expect(restored.reviews).toEqual(record.reviews);
    const second = await db.user.findUniqueOrThrow({ where: { email: accounts.second.email } });
    expect(await db.review.findFirst({ where: { articleId: report.files[0].articleId, decision: 'APPROVED' } })).toMatchObject({
      reviewerId: second.id,
      articleVersion: 2,
    });
  });

  it('leaves out, with a warning, the reviews of a reviewer who has no account here', async () => {
    await reviewedArticle();
    const file = await writeNdjson('unknown-reviewer.ndjson', await records());

    await resetDatabase();
    await createUser(db, accounts.editor);
    await createUser(db, accounts.first);
    const { report } = await importFile(file);
    expect(report.files[0]).toMatchObject({ outcome: 'created', warnings: [`审核人 ${accounts.second.email} 在本库没有账号，其 1 条审核记录未恢复。`] });
    const [restored] = await records();
    expect(restored.reviews?.map((r) => [r.reviewer, r.decision, r.articleVersion])).toEqual([[accounts.first.email, 'CHANGES_REQUESTED', 1]]);
    // The rest of the article is restored as exported.
    expect(restored).toMatchObject({ status: 'PUBLISHED', version: 2 });
  });

  it('restores a file exported before reviews were, and does not count reviews as a change', async () => {
    await reviewedArticle();
    const [record] = await records();
    const { reviews: _reviews, ...older } = record;
    const olderFile = await writeNdjson('older.ndjson', [older]);
    const currentFile = await writeNdjson('current.ndjson', [record]);

    await resetDatabase();
    await Promise.all(Object.values(accounts).map((a) => createUser(db, a)));
    expect((await importFile(olderFile)).report.files[0]).toMatchObject({ outcome: 'created' });
    expect(await db.review.count()).toBe(0);
    // The same article with reviews: nothing an import would write differs.
    const revisions = await db.revision.count();
    expect((await importFile(currentFile)).report.files[0]).toMatchObject({ outcome: 'unchanged' });
    expect(await db.revision.count()).toBe(revisions);
    expect(await db.review.count()).toBe(0);
  });

  it('refuses a record whose reviews are malformed', async () => {
    await reviewedArticle();
    const [record] = await records();
    const file = await writeNdjson('bad-review.ndjson', [{ ...record, reviews: [{ ...record.reviews![0], decision: 'MAYBE' }] }]);
    await resetDatabase();
    const { report } = await importFile(file);
    expect(report.files[0]).toMatchObject({ outcome: 'failed', reason: 'RECORD_INVALID' });
    expect(report.files[0].error).toMatch(/reviews/);
  });
});
