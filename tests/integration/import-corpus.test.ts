import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeVersions } from '@/lib/articles/write-versions';
import { txSql } from '@/lib/db/sql';
import { db } from '@/lib/db/client';
import { importPages } from '@/lib/import/import-pages';
import { runImportCommand, type CliFileReport, type ImportCommand } from '@/lib/import/import-command';
import { MAX_PAGE_BYTES } from '@/lib/import/limits';
import type { ImportReason } from '@/lib/import/reasons';
import { makeZip, patchDeclaredSize } from '../fixtures/import/zip-tools';
import { submitForReview, reviewArticle, publishArticle } from '@/lib/workflow/workflow';
import { makeUser, resetDatabase } from './helpers';

// The hostile-input corpus: every file of tests/fixtures/import/corpus plus generated ones (a
// huge page, archives with zip-slip names, nested and non-text entries, bombs), run through the
// same entry point as `npm run import`, each with the outcome and reason it must get.

const corpusDir = path.join(process.cwd(), 'tests', 'fixtures', 'import', 'corpus');
const encode = (text: string) => new TextEncoder().encode(text);

function page(title: string, paragraph = '参保人可以按规定办理。'): string {
  return `${title}\n\n${paragraph}\n\n提示:本内容不能代替面诊,如有不适请尽快就医。\n相关推荐\n\n深圳医保报销比例\n\n报销比例因医院等级而不同。\n\n健康新闻 2025-04-17\n`;
}

type Expect = {
  outcome: CliFileReport['outcome'];
  reason?: ImportReason;
  title?: string;
  itemCount?: number;
  regions?: string[];
  error?: RegExp;
  warning?: RegExp;
  duplicateOf?: string;
};

// File name (relative to the corpus folder) → what must happen to it, in batch order.
const expectations: [string, Expect][] = [
  ['01-utf8.txt', { outcome: 'created', title: '广州居民医保只能一年一交吗', itemCount: 20, regions: ['440100'] }],
  ['02-crlf-bom.txt', { outcome: 'created', title: '居民医保不能断吗', itemCount: 20 }],
  ['03-gbk.txt', { outcome: 'created', title: '停了居民医保当月就不能用了吗', itemCount: 20 }],
  ['04-utf16le-bom.txt', { outcome: 'created', title: '医保380元一次没用了', itemCount: 20 }],
  ['05-empty.txt', { outcome: 'failed', reason: 'EMPTY', error: /文件为空/ }],
  ['06-blank-lines.txt', { outcome: 'failed', reason: 'EMPTY', error: /没有任何文字/ }],
  ['07-binary.txt', { outcome: 'failed', reason: 'BINARY', error: /不是文本/ }],
  ['08-truncated-mid-list.txt', { outcome: 'created', title: '如何在居住地购买城乡居民医疗保险', itemCount: 2, warning: /不完整.*截断/ }],
  ['09-truncated-after-header.txt', { outcome: 'failed', reason: 'BAD_ITEM', error: /截断/ }],
  ['10-title-only.txt', { outcome: 'failed', reason: 'NO_BODY', error: /没有正文/ }],
  ['11-missing-title.txt', { outcome: 'failed', reason: 'NO_TITLE', error: /标题/ }],
  ['12-title-too-long.txt', { outcome: 'failed', reason: 'TITLE_TOO_LONG', error: /200 字/ }],
  ['13-no-list.txt', { outcome: 'created', title: '没有推荐列表的页面能导入吗', itemCount: 0 }],
  ['14-script-title.txt', { outcome: 'created', title: "<script>alert('xss')</script>医保卡丢了怎么办", itemCount: 20 }],
  ['15-duplicate-of-01.txt', { outcome: 'unchanged', title: '广州居民医保只能一年一交吗', duplicateOf: '01-utf8.txt' }],
  ['16-same-title-changed.txt', { outcome: 'failed', reason: 'DUPLICATE', error: /同一页面.*内容不同/ }],
  ['17-huge.txt', { outcome: 'failed', reason: 'TOO_LARGE', error: /过大/ }],
  ['18-pages.zip/pages/深圳.txt', { outcome: 'created', title: '深圳医保怎么报销', itemCount: 1, regions: ['440300'] }],
  ['18-pages.zip/../evil.txt', { outcome: 'failed', reason: 'UNSAFE_NAME', error: /压缩包之外/ }],
  ['18-pages.zip//etc/passwd.txt', { outcome: 'failed', reason: 'UNSAFE_NAME', error: /压缩包之外/ }],
  ['18-pages.zip/C:/evil.txt', { outcome: 'failed', reason: 'UNSAFE_NAME', error: /压缩包之外/ }],
  ['18-pages.zip/inner.zip', { outcome: 'failed', reason: 'NESTED_ARCHIVE', error: /套压缩包/ }],
  ['18-pages.zip/disguised.txt', { outcome: 'failed', reason: 'NESTED_ARCHIVE', error: /套压缩包/ }],
  ['18-pages.zip/photo.png', { outcome: 'failed', reason: 'NOT_TEXT', error: /\.txt/ }],
  ['18-pages.zip/bomb.txt', { outcome: 'failed', reason: 'TOO_LARGE', error: /未解压/ }],
  ['18-pages.zip/liar.txt', { outcome: 'failed', reason: 'ENTRY_INVALID', error: /实际大小/ }],
  ['18-pages.zip/=HYPERLINK("http://x")&.txt', { outcome: 'created', title: '医保卡密码忘了怎么办', itemCount: 1 }],
  ['19-bomb.zip', { outcome: 'failed', reason: 'ARCHIVE_LIMIT', error: /压缩炸弹/ }],
  ['20-not-a-zip.zip', { outcome: 'failed', reason: 'ARCHIVE_INVALID', error: /不是有效的 ZIP/ }],
  ['21-truncated.zip', { outcome: 'failed', reason: 'ARCHIVE_INVALID' }],
];

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'baoda-corpus-'));
  await cp(corpusDir, workDir, { recursive: true });
  // Valid text, one byte over the limit: refused from its size, never read.
  await writeFile(path.join(workDir, '17-huge.txt'), `${'医保'.repeat(10)}\n\n${'a'.repeat(MAX_PAGE_BYTES)}`);
  const innerZip = makeZip({ 'p.txt': page('嵌套压缩包里的页面') });
  const zeros = new Uint8Array(20 * 1024 * 1024);
  let pagesZip = makeZip({
    'pages/深圳.txt': page('深圳医保怎么报销'),
    '../evil.txt': page('越界的页面一'),
    '/etc/passwd.txt': page('越界的页面二'),
    'C:/evil.txt': page('越界的页面三'),
    'inner.zip': innerZip,
    'disguised.txt': innerZip,
    'photo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
    '__MACOSX/pages/._深圳.txt': new Uint8Array([0, 5, 22, 7]),
    'bomb.txt': zeros,
    'liar.txt': zeros.subarray(0, 3 * 1024 * 1024),
    '=HYPERLINK("http://x")&.txt': page('医保卡密码忘了怎么办'),
  });
  // liar.txt claims 1,000 bytes but inflates to 3 MB: only inflating shows it.
  pagesZip = patchDeclaredSize(pagesZip, 'liar.txt', 1000);
  await writeFile(path.join(workDir, '18-pages.zip'), pagesZip);
  // Small on disk, 4 × 100 MB declared: refused from the central directory alone.
  let bomb = makeZip({ 'a.txt': 'x', 'b.txt': 'x', 'c.txt': 'x', 'd.txt': 'x' });
  for (const name of ['a.txt', 'b.txt', 'c.txt', 'd.txt']) bomb = patchDeclaredSize(bomb, name, 100 * 1024 * 1024);
  await writeFile(path.join(workDir, '19-bomb.zip'), bomb);
  await writeFile(path.join(workDir, '20-not-a-zip.zip'), '这不是压缩包');
  const good = makeZip({ 'a.txt': page('截断压缩包里的页面') });
  await writeFile(path.join(workDir, '21-truncated.zip'), good.subarray(0, Math.floor(good.length / 2)));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  await db.$disconnect();
});

beforeEach(resetDatabase);

function command(overrides: Partial<ImportCommand> = {}): ImportCommand {
  return { paths: [workDir], dryRun: false, json: true, force: false, normalizePunctuation: true, ...overrides };
}

// Not path.relative: it would normalise the very names under test (../evil.txt, //etc).
const relative = (file: string) => (file.startsWith(`${workDir}/`) ? file.slice(workDir.length + 1) : file);

async function tableCounts() {
  const [articles, revisions, items, regions, batches, importItems, audits] = await Promise.all([
    db.article.count(),
    db.revision.count(),
    db.recommendationItem.count(),
    db.articleRegion.count(),
    db.importBatch.count(),
    db.importItem.count(),
    db.auditEvent.count(),
  ]);
  return { articles, revisions, items, regions, batches, importItems, audits };
}

function checkAgainstTable(files: CliFileReport[]) {
  expect(files.map((f) => relative(f.file))).toEqual(expectations.map(([name]) => name));
  for (const [index, [name, want]] of expectations.entries()) {
    const got = files[index];
    const where = `${name}: ${JSON.stringify(got)}`;
    expect(got.outcome, where).toBe(want.outcome);
    expect(got.reason, where).toBe(want.reason);
    if (want.outcome === 'failed') expect(got.error, where).toMatch(/[\u4e00-\u9fff]{4}/);
    if (want.error) expect(got.error, where).toMatch(want.error);
    if (want.title !== undefined) expect(got.title, where).toBe(want.title);
    if (want.itemCount !== undefined) expect(got.itemCount, where).toBe(want.itemCount);
    if (want.regions) expect(got.regions, where).toEqual(want.regions);
    if (want.warning) expect(got.warnings?.join(' '), where).toMatch(want.warning);
    if (want.duplicateOf) expect(relative(got.duplicateOf ?? ''), where).toBe(want.duplicateOf);
  }
}

describe('the hostile corpus through the CLI entry point', () => {
  it('previews every file with its outcome and reason and writes nothing, not even a batch', async () => {
    const before = await tableCounts();
    const { report, exitCode } = await runImportCommand(db, command({ dryRun: true }));
    expect(report.dryRun).toBe(true);
    expect(report.batchId).toBeUndefined();
    checkAgainstTable(report.files);
    expect(report.files.filter((f) => f.outcome === 'created').every((f) => f.articleId === undefined)).toBe(true);
    expect(exitCode).toBe(2);
    expect(await tableCounts()).toEqual(before);
  });

  it('imports the same way it previewed, records every outcome and leaves no partial rows', async () => {
    const preview = await runImportCommand(db, command({ dryRun: true }));
    const { report, exitCode } = await runImportCommand(db, command());
    expect(exitCode).toBe(2);
    checkAgainstTable(report.files);
    // One decision function: the preview said exactly what the import did.
    const strip = (files: CliFileReport[]) => files.map(({ articleId: _id, ...rest }) => rest);
    expect(strip(report.files)).toEqual(strip(preview.report.files));

    const created = report.files.filter((f) => f.outcome === 'created');
    expect(report.totals).toEqual({ created: created.length, updated: 0, unchanged: 1, failed: expectations.length - created.length - 1 });
    const articles = await db.article.findMany({ select: { id: true, title: true, sourceFile: true } });
    expect(articles.map((a) => a.title).sort()).toEqual(created.map((f) => f.title).sort());
    for (const f of created) expect(articles.find((a) => a.id === f.articleId)?.sourceFile).toBe(f.file);
    // The duplicate points at the article its twin created.
    const duplicate = report.files.find((f) => f.duplicateOf)!;
    expect(duplicate.articleId).toBe(created[0].articleId);

    // No partial rows: exactly one revision and one audit row per created article, items as parsed.
    const counts = await tableCounts();
    expect(counts).toMatchObject({ articles: created.length, revisions: created.length, batches: 1, importItems: expectations.length, audits: created.length });
    expect(counts.items).toBe(created.reduce((sum, f) => sum + (f.itemCount ?? 0), 0));
    expect(await db.revision.count({ where: { articleId: { notIn: articles.map((a) => a.id) } } })).toBe(0);

    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: report.batchId }, include: { items: { orderBy: { position: 'asc' } } } });
    expect(batch).toMatchObject({ source: 'cli', normalizePunctuation: true, created: created.length, unchanged: 1, failed: report.totals.failed });
    expect(batch.items.map((i) => [relative(i.fileName), i.outcome.toLowerCase(), i.reason ?? undefined])).toEqual(
      expectations.map(([name, want]) => [name, want.outcome, want.reason]),
    );
    const shenzhen = batch.items.find((i) => i.fileName.endsWith('深圳.txt'))!;
    expect(shenzhen).toMatchObject({ title: '深圳医保怎么报销', itemCount: 1, regionCodes: ['440300'] });
  });

  it('reports the created pages as unchanged on a second run', async () => {
    await runImportCommand(db, command());
    const before = await tableCounts();
    const { report } = await runImportCommand(db, command());
    const byName = new Map(report.files.map((f) => [relative(f.file), f]));
    for (const [name, want] of expectations) {
      if (want.outcome === 'created') expect(byName.get(name)?.outcome, name).toBe('unchanged');
    }
    expect(await tableCounts()).toMatchObject({ articles: before.articles, revisions: before.revisions, items: before.items, audits: before.audits });
  });

  it('keeps a script tag in a title as plain text', async () => {
    const { report } = await runImportCommand(db, command({ paths: [path.join(workDir, '14-script-title.txt')] }));
    const article = await db.article.findUniqueOrThrow({ where: { id: report.files[0].articleId! } });
    expect(article.title).toBe("<script>alert('xss')</script>医保卡丢了怎么办");
    expect(article.slug).toMatch(/^[a-z0-9-]+$/);
  });
});

describe('the import command as a process', () => {
  const exec = promisify(execFile);
  async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await exec('node_modules/.bin/tsx', ['scripts/import.ts', ...args], { env: process.env, maxBuffer: 10 * 1024 * 1024 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('prints one complete JSON report and exits 2 when some files fail, 0 when none do, 1 on a usage error', async () => {
    const mixed = await cli(['--json', '--dry-run', path.join(workDir, '01-utf8.txt'), path.join(workDir, '05-empty.txt')]);
    expect(mixed.code).toBe(2);
    const report = JSON.parse(mixed.stdout) as { files: CliFileReport[]; totals: Record<string, number> };
    expect(report.files.map((f) => [relative(f.file), f.outcome, f.reason ?? null])).toEqual([
      ['01-utf8.txt', 'created', null],
      ['05-empty.txt', 'failed', 'EMPTY'],
    ]);
    expect(report.totals).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 1 });
    expect(await db.importBatch.count()).toBe(0);

    const clean = await cli(['--json', path.join(workDir, '01-utf8.txt')]);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).files[0]).toMatchObject({ outcome: 'created', articleId: expect.any(String) });

    expect((await cli(['--json', '--frobnicate', workDir])).code).toBe(1);
    expect((await cli(['--json'])).code).toBe(1);
    const missing = await cli(['--json', path.join(workDir, 'no-such-file.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No such file or folder');
  }, 60_000);
});

describe('punctuation normalisation as a recorded option', () => {
  it('keeps ASCII punctuation with --no-normalize, records it on the batch, and re-imports as an update when turned back on', async () => {
    const file = path.join(workDir, '01-utf8.txt');
    const off = await runImportCommand(db, command({ paths: [file], normalizePunctuation: false }));
    expect(off.report.normalizePunctuation).toBe(false);
    expect(await db.importBatch.findUniqueOrThrow({ where: { id: off.report.batchId } })).toMatchObject({ normalizePunctuation: false });
    const raw = await db.article.findUniqueOrThrow({ where: { id: off.report.files[0].articleId! } });
    expect(raw.plainText).toContain('居民医保的缴费和保障周期具有以下特点:');

    const on = await runImportCommand(db, command({ paths: [file] }));
    expect(on.report.files[0]).toMatchObject({ outcome: 'updated', articleId: raw.id });
    const normalised = await db.article.findUniqueOrThrow({ where: { id: raw.id } });
    expect(normalised.plainText).toContain('居民医保的缴费和保障周期具有以下特点：');
  });
});

describe('conflicts with an editor’s work', () => {
  /** 01-utf8.txt re-scraped with a changed paragraph. */
  async function changedPage() {
    const text = await readFile(path.join(workDir, '01-utf8.txt'), 'utf8');
    const changed = path.join(workDir, 'changed', '01-utf8.txt');
    await mkdir(path.dirname(changed), { recursive: true });
    await writeFile(changed, text.replace('居民医保的缴费和保障周期具有以下特点', '居民医保的缴费和保障周期（2025年版）具有以下特点'));
    return changed;
  }

  /** What saving in the editor does to the row: a new version, with its revision. */
  async function editAsEditor(articleId: string, title: string) {
    const editor = await makeUser('EDITOR');
    const current = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    await db.$transaction((tx) =>
      writeVersions(
        txSql(tx),
        [{ articleId, from: { version: current.version, status: current.status }, set: { title }, revision: { note: '编辑保存' }, audit: null }],
        { actorId: editor.id },
      ),
    );
    return editor;
  }

  it('reports a conflict as its own reason and changes nothing; --force imports it as a new revision', async () => {
    const first = await runImportCommand(db, command({ paths: [path.join(workDir, '01-utf8.txt')] }));
    const articleId = first.report.files[0].articleId!;
    await editAsEditor(articleId, '编辑改过的标题');
    const changed = await changedPage();

    const preview = await runImportCommand(db, command({ paths: [changed], dryRun: true }));
    expect(preview.report.files[0]).toMatchObject({ outcome: 'failed', reason: 'CONFLICT', articleId });
    const conflict = await runImportCommand(db, command({ paths: [changed] }));
    expect(conflict.exitCode).toBe(2);
    expect(conflict.report.files[0]).toMatchObject({ outcome: 'failed', reason: 'CONFLICT', articleId, error: expect.stringMatching(/^冲突/) });
    expect(await db.article.findUniqueOrThrow({ where: { id: articleId } })).toMatchObject({ title: '编辑改过的标题', version: 2, importedVersion: 1 });
    expect(await db.importItem.findFirstOrThrow({ where: { batchId: conflict.report.batchId } })).toMatchObject({
      outcome: 'FAILED',
      reason: 'CONFLICT',
      forced: false,
    });

    const forcedPreview = await runImportCommand(db, command({ paths: [changed], dryRun: true, force: true }));
    expect(forcedPreview.report.files[0]).toMatchObject({ outcome: 'updated', forced: true });
    const forced = await runImportCommand(db, command({ paths: [changed], force: true }));
    expect(forced.exitCode).toBe(0);
    expect(forced.report.files[0]).toMatchObject({ outcome: 'updated', forced: true, articleId });
    const after = await db.article.findUniqueOrThrow({ where: { id: articleId }, include: { revisions: { orderBy: { articleVersion: 'asc' } } } });
    expect(after).toMatchObject({ title: '广州居民医保只能一年一交吗', version: 3, importedVersion: 3 });
    expect(after.plainText).toContain('2025年版');
    // The editor's version is kept in the history.
    expect(after.revisions.map((r) => [r.articleVersion, r.title])).toEqual([
      [1, '广州居民医保只能一年一交吗'],
      [2, '编辑改过的标题'],
      [3, '广州居民医保只能一年一交吗'],
    ]);
    expect(after.revisions[2].note).toMatch(/覆盖编辑的修改/);
    expect(await db.importItem.findFirstOrThrow({ where: { batchId: forced.report.batchId } })).toMatchObject({ outcome: 'UPDATED', forced: true });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: articleId, action: 'article.import' }, orderBy: { id: 'desc' } });
    expect(audit.summary).toMatchObject({ outcome: 'updated', forced: true, overwrittenVersion: 2 });
  });

  it('forces only the files asked for', async () => {
    const first = await runImportCommand(db, command({ paths: [path.join(workDir, '01-utf8.txt'), path.join(workDir, '02-crlf-bom.txt')] }));
    for (const f of first.report.files) await editAsEditor(f.articleId!, `改过的 ${f.title}`);
    const changedA = await readFile(await changedPage());
    const changedB = encode((await readFile(path.join(workDir, '02-crlf-bom.txt'), 'utf8')).replace('\r\n\r\n', '\r\n\r\n（2025年更新）'));
    const report = await importPages(db, {
      actorId: null,
      source: 'upload',
      files: [
        { name: 'a.txt', bytes: changedA },
        { name: 'b.txt', bytes: changedB },
      ],
      force: [1],
    });
    expect(report.files.map((f) => [f.outcome, f.reason ?? null, f.forced ?? false])).toEqual([
      ['failed', 'CONFLICT', false],
      ['updated', null, true],
    ]);
  });

  it('never changes the published version, even when forced', async () => {
    const first = await runImportCommand(db, command({ paths: [path.join(workDir, '01-utf8.txt')] }));
    const articleId = first.report.files[0].articleId!;
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    await submitForReview({ actor: editor, articleId, version: 1 });
    await reviewArticle({ actor: reviewer, articleId, version: 1, decision: 'APPROVED', comment: '' });
    await publishArticle({ actor: editor, articleId, version: 1 });
    const live = await db.article.findUniqueOrThrow({ where: { id: articleId }, include: { publishedRevision: true } });
    await editAsEditor(articleId, '线上之后编辑改过的标题');

    const forced = await runImportCommand(db, command({ paths: [await changedPage()], force: true }));
    expect(forced.report.files[0]).toMatchObject({ outcome: 'updated', forced: true });
    const after = await db.article.findUniqueOrThrow({ where: { id: articleId }, include: { publishedRevision: true } });
    expect(after.publishedRevisionId).toBe(live.publishedRevisionId);
    expect(after.publishedRevision).toEqual(live.publishedRevision);
    expect(after.status).toBe('DRAFT');
    expect(after.plainText).toContain('2025年版');
    expect(after.publishedRevision!.plainText).not.toContain('2025年版');
  });
});
