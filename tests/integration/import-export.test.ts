import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeVersions } from '@/lib/articles/write-versions';
import { newId, txSql } from '@/lib/db/sql';
import { db } from '@/lib/db/client';
import { publicTags } from '@/lib/public-cache/cache-tags';
import { readChangesAfter } from '@/lib/public-cache/change-feed';
import type { ArticleRecord } from '@/lib/export/article-record';
import { exportArticleRecords, type ExportFilters } from '@/lib/export/export-articles';
import { writeExport } from '@/lib/export/write-export';
import { importPages } from '@/lib/import/import-pages';
import { runImportCommand } from '@/lib/import/import-command';
import { readPublishedArticle } from '@/lib/public/read-published';
import { createUser } from '@/lib/users/create-user';
import { publishArticle, reviewArticle, submitForReview } from '@/lib/workflow/workflow';
import { resetDatabase, samplePage } from './helpers';

// Export → import into an empty database reproduces the same content: every field, regions,
// recommendation lists (internal links by key, across a cycle) and the published version.

const page000 = '000_f9d22c9b16a877c9.txt'; // 居民医保只能一年一交吗
const page001 = '001_09de7306f3693664.txt'; // 居民医保不能断吗
const page002 = '002_61664b8a0a0df384.txt'; // 如何在居住地购买城乡居民医疗保险

const accounts = [
  { email: 'editor@export.test', name: '导出编辑', role: 'EDITOR', password: 'correct-horse-battery' },
  { email: 'reviewer@export.test', name: '导出审核', role: 'REVIEWER', password: 'correct-horse-battery' },
] as const;

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'baoda-export-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  await db.$disconnect();
});
beforeEach(resetDatabase);

async function exportText(filters: ExportFilters = {}): Promise<string> {
  let text = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  await writeExport(db, filters, sink);
  return text;
}

async function records(filters: ExportFilters = {}): Promise<ArticleRecord[]> {
  const all: ArticleRecord[] = [];
  for await (const record of exportArticleRecords(db, filters)) all.push(record);
  return all;
}

/** The sample whose first recommendation item is titled `title` (so it links to that page). */
async function withFirstItemTitle(name: string, title: string) {
  const lines = new TextDecoder().decode((await samplePage(name)).bytes).split('\n');
  lines[lines.findIndex((l) => l.trim() === '相关推荐') + 2] = title;
  return { name, bytes: new TextEncoder().encode(lines.join('\n')) };
}

/**
 * A small but complete database: pages that recommend each other (a cycle), one published and
 * edited since (so its live version differs from its working copy), a manual region tag, an
 * article written in the editor (no import identity), and one in the trash.
 */
async function buildContent() {
  const [editor, reviewer] = await Promise.all(accounts.map((a) => createUser(db, a)));
  const report = await importPages(db, {
    actorId: editor.id,
    source: 'upload',
    files: [await withFirstItemTitle(page000, '居民医保不能断吗'), await withFirstItemTitle(page001, '居民医保只能一年一交吗'), await samplePage(page002)],
  });
  const [a, b, c] = report.files.map((f) => f.articleId!);

  await submitForReview({ actor: editor, articleId: a, version: 1 });
  await reviewArticle({ actor: reviewer, articleId: a, version: 1, decision: 'APPROVED', comment: '' });
  await publishArticle({ actor: editor, articleId: a, version: 1 });
  // An editor's edit of the live article (a new working version) and an article written by hand.
  const live = await db.article.findUniqueOrThrow({ where: { id: a }, include: { regions: true } });
  const manualId = newId();
  await db.$transaction((tx) =>
    writeVersions(
      txSql(tx),
      [
        {
          articleId: a,
          from: { version: live.version, status: live.status },
          set: { title: '居民医保只能一年一交吗（编辑中）' },
          regions: { replace: 'all', rows: [...live.regions, { regionCode: '440100', origin: 'MANUAL', confidence: 1 }] },
          revision: { note: '编辑保存' },
          audit: null,
        },
        {
          articleId: manualId,
          create: { slug: 'shou-xie-de-wen-zhang' },
          set: {
            title: '手写的文章',
            summary: '编辑直接写的',
            body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '正文。' }] }] },
            rejectedRegionCodes: ['110000'],
          },
          items: [{ title: '如何在居住地购买城乡居民医疗保险', summary: '', category: '', itemDate: null, targetArticleId: c }],
          revision: { note: '新建' },
          audit: null,
        },
      ],
      { actorId: editor.id },
    ),
  );
  const manual = await db.article.findUniqueOrThrow({ where: { id: manualId } });
  const trashed = await importPages(db, { actorId: editor.id, source: 'upload', files: [await samplePage('003_91985a4ab1a3ef30.txt')] });
  await db.article.update({ where: { id: trashed.files[0].articleId! }, data: { deletedAt: new Date() } });
  return { editor, reviewer, a, b, c, manual };
}

describe('export and re-import', () => {
  it('reproduces the same content in an empty database, links and live version included', async () => {
    const { a } = await buildContent();
    const before = await records();
    expect(before).toHaveLength(4); // the trashed article is not exported
    const text = await exportText();
    const file = path.join(workDir, 'all.ndjson');
    await writeFile(file, text);
    const liveBefore = await readPublishedArticle(before.find((r) => r.id === a)!.published!.slug);

    await resetDatabase();
    await Promise.all(accounts.map((account) => createUser(db, account)));
    const { report, exitCode } = await runImportCommand(db, { paths: [file], dryRun: false, json: true, force: false, normalizePunctuation: true });
    expect(exitCode).toBe(0);
    expect(report.files.map((f) => [f.file, f.outcome])).toEqual(before.map((_, i) => [`${file}:${i + 2}`, 'created']));

    const after = await records();
    const withoutIds = (list: ArticleRecord[]) => list.map(({ id: _id, ...rest }) => rest);
    expect(withoutIds(after)).toEqual(withoutIds(before));
    // Internal links point at the new rows, not at ids from the old database.
    const restoredManual = await db.article.findUniqueOrThrow({ where: { slug: 'shou-xie-de-wen-zhang' }, include: { recommendations: true } });
    const target = await db.article.findUniqueOrThrow({ where: { id: restoredManual.recommendations[0].targetArticleId! } });
    expect(target.title).toBe('如何在居住地购买城乡居民医疗保险');

    // The public site shows the same live page, with the same links.
    const liveAfter = await readPublishedArticle(liveBefore!.slug);
    expect(liveAfter).not.toBeNull();
    // (ids are new: the article's own and those its links point at)
    const page = ({ id: _id, linkTargets, ...rest }: NonNullable<typeof liveAfter>) => ({
      ...rest,
      linkedTitles: linkTargets.titles,
      links: linkTargets.ids.length,
    });
    expect(page(liveAfter!)).toEqual(page(liveBefore!));
    // The restored live page is announced to the servers' caches.
    expect((await readChangesAfter(db, 0n)).flatMap((c) => c.tags)).toContain(publicTags.article(liveAfter!.id));
    expect(await db.auditEvent.count({ where: { action: 'article.import' } })).toBe(4);
  });

  it('links recommendation lists that point at each other, whatever the order', async () => {
    const editor = await createUser(db, accounts[0]);
    const report = await importPages(db, {
      actorId: editor.id,
      source: 'upload',
      files: [await withFirstItemTitle(page000, '居民医保不能断吗'), await withFirstItemTitle(page001, '居民医保只能一年一交吗')],
    });
    const [a, b] = report.files.map((f) => f.articleId!);
    expect(await db.recommendationItem.findFirst({ where: { articleId: a, position: 0 } })).toMatchObject({ targetArticleId: b });
    expect(await db.recommendationItem.findFirst({ where: { articleId: b, position: 0 } })).toMatchObject({ targetArticleId: a });
    const file = path.join(workDir, 'cycle.ndjson');
    await writeFile(file, await exportText());

    await resetDatabase();
    await runImportCommand(db, { paths: [file], dryRun: false, json: true, force: false, normalizePunctuation: true });
    const [newA, newB] = await Promise.all(['居民医保只能一年一交吗', '居民医保不能断吗'].map((title) => db.article.findFirstOrThrow({ where: { title } })));
    expect(await db.recommendationItem.findFirst({ where: { articleId: newA.id, position: 0 } })).toMatchObject({ targetArticleId: newB.id });
    expect(await db.recommendationItem.findFirst({ where: { articleId: newB.id, position: 0 } })).toMatchObject({ targetArticleId: newA.id });
    // The revision written by the import links too.
    const revision = await db.revision.findFirstOrThrow({ where: { articleId: newA.id } });
    expect((revision.recommendations as { targetArticleId: string | null }[])[0].targetArticleId).toBe(newB.id);
  });

  it('is idempotent: importing the export into the same database changes nothing', async () => {
    await buildContent();
    const file = path.join(workDir, 'same.ndjson');
    await writeFile(file, await exportText());
    const revisions = await db.revision.count();
    const { report, exitCode } = await runImportCommand(db, { paths: [file], dryRun: false, json: true, force: false, normalizePunctuation: true });
    expect(exitCode).toBe(0);
    expect(report.files.every((f) => f.outcome === 'unchanged')).toBe(true);
    expect(await db.revision.count()).toBe(revisions);
  });

  it('updates a changed record as a new revision, and reports an edited article as a conflict', async () => {
    const { b, c, manual, editor } = await buildContent();
    const exported = await records();
    const changed = exported.map((r) => (r.id === c || r.id === manual.id ? { ...r, summary: `${r.summary}（已更新）` } : r));
    expect(changed.some((r) => r.id === b)).toBe(true);
    const file = path.join(workDir, 'changed.ndjson');
    await writeFile(file, [JSON.stringify({ format: 'baoda-articles', version: 1 }), ...changed.map((r) => JSON.stringify(r))].join('\n'));

    const { report } = await runImportCommand(db, { paths: [file], dryRun: false, json: true, force: false, normalizePunctuation: true });
    const byId = new Map(report.files.map((f) => [f.articleId, f]));
    expect(byId.get(c)).toMatchObject({ outcome: 'updated' });
    // The hand-written article was never imported: its editor's work is protected.
    expect(byId.get(manual.id)).toMatchObject({ outcome: 'failed', reason: 'CONFLICT' });
    const updated = await db.article.findUniqueOrThrow({ where: { id: c } });
    expect(updated).toMatchObject({ version: 2, importedVersion: 2, updatedById: null });
    expect(updated.summary).toMatch(/（已更新）$/);
    expect(await db.article.findUniqueOrThrow({ where: { id: manual.id } })).toMatchObject({ summary: '编辑直接写的', updatedById: editor.id });
  });

  it('exports only what the filters select', async () => {
    const { a, c, manual } = await buildContent();
    const { b } = { b: (await db.article.findFirstOrThrow({ where: { title: '居民医保不能断吗' } })).id };
    expect((await records({ status: 'DRAFT' })).map((r) => r.id).sort()).toEqual([a, b, c, manual.id].sort());
    expect((await records({ region: '440000' })).map((r) => r.id)).toEqual([a]); // 广州市 rolls up to 广东省
    expect(await records({ status: 'PUBLISHED' })).toEqual([]);
    const header = JSON.parse((await exportText({ region: '440100' })).split('\n')[0]);
    expect(header).toMatchObject({ format: 'baoda-articles', version: 1, filters: { region: '440100' } });
  });

  it('refuses files that are not exports, and broken lines, line by line', async () => {
    await buildContent();
    const good = (await records()).find((r) => !r.published)!;
    const file = path.join(workDir, 'broken.ndjson');
    const unknownRegion = {
      ...good,
      sourceKey: 'x'.repeat(32),
      slug: 'another-slug',
      title: '另一个标题',
      regions: [{ code: '999999', origin: 'MANUAL', confidence: 1 }],
    };
    await writeFile(
      file,
      [
        JSON.stringify({ format: 'baoda-articles', version: 1 }),
        '{"type":"article",',
        JSON.stringify({ ...good, status: 'LIVE' }),
        JSON.stringify({ ...good, body: { type: 'doc', content: [{ type: 'script', text: 'x' }] } }),
        JSON.stringify(unknownRegion),
      ].join('\n'),
    );
    const notExport = path.join(workDir, 'not-export.ndjson');
    await writeFile(notExport, '{"hello":1}\n');
    const { report } = await runImportCommand(db, { paths: [file, notExport], dryRun: false, json: true, force: false, normalizePunctuation: true });
    expect(report.files.map((f) => [path.basename(f.file), f.outcome, f.reason ?? null])).toEqual([
      ['broken.ndjson:2', 'failed', 'RECORD_INVALID'],
      ['broken.ndjson:3', 'failed', 'RECORD_INVALID'],
      ['broken.ndjson:4', 'failed', 'RECORD_INVALID'],
      ['broken.ndjson:5', 'created', null],
      ['not-export.ndjson', 'failed', 'RECORD_INVALID'],
    ]);
    expect(report.files[1].error).toMatch(/status/);
    expect(report.files[2].error).toMatch(/正文无效/);
    expect(report.files[3].warnings).toEqual(['地区代码 999999 不存在，已忽略。']);
  });
});
