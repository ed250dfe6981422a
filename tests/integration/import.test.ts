import iconv from 'iconv-lite';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { saveArticle } from '@/lib/articles/save-article';
import { toIsoDate } from '@/lib/dates';
import { db } from '@/lib/db/client';
import { importPages, type ImportFile } from '@/lib/import/import-pages';
import { importSample, makeUser, resetDatabase, samplePage } from './helpers';

const page000 = '000_f9d22c9b16a877c9.txt'; // 居民医保只能一年一交吗
const page001 = '001_09de7306f3693664.txt'; // 居民医保不能断吗
const page002 = '002_61664b8a0a0df384.txt'; // 如何在居住地购买城乡居民医疗保险 (一、 二、 … section heads)

const utf8 = new TextDecoder();
const encode = (text: string) => new TextEncoder().encode(text);

async function sampleText(name: string): Promise<string> {
  return utf8.decode((await samplePage(name)).bytes);
}

/** The sample with line `index` (0-based) replaced. */
async function withLine(name: string, index: number, replace: (line: string) => string): Promise<string> {
  const lines = (await sampleText(name)).split('\n');
  lines[index] = replace(lines[index]);
  return lines.join('\n');
}

/** The sample whose first recommendation item is titled `title`. */
async function withFirstItemTitle(name: string, title: string): Promise<string> {
  const lines = (await sampleText(name)).split('\n');
  const header = lines.findIndex((l) => l.trim() === '相关推荐');
  expect(lines[header + 1]).toBe('');
  lines[header + 2] = title;
  return lines.join('\n');
}

async function run(actorId: string, files: ImportFile[]) {
  return importPages(db, { actorId, source: 'upload', files });
}

async function counts() {
  const [articles, revisions, items, regions] = await Promise.all([
    db.article.count(),
    db.revision.count(),
    db.recommendationItem.count(),
    db.articleRegion.count(),
  ]);
  return { articles, revisions, items, regions };
}

beforeEach(resetDatabase);
afterAll(() => db.$disconnect());

describe('importing a new page', () => {
  it('creates a DRAFT with structured body, disclaimer, items, content date, a revision and an import item', async () => {
    const editor = await makeUser('EDITOR');
    const report = await run(editor.id, [await samplePage(page002)]);
    expect(report.totals).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 0 });
    const [result] = report.files;
    expect(result).toMatchObject({ file: page002, outcome: 'created', title: '如何在居住地购买城乡居民医疗保险' });

    const article = await db.article.findUniqueOrThrow({
      where: { id: result.articleId! },
      include: { recommendations: { orderBy: { position: 'asc' } }, revisions: true, importItems: true },
    });
    expect(article).toMatchObject({
      status: 'DRAFT',
      version: 1,
      importedVersion: 1,
      title: '如何在居住地购买城乡居民医疗保险',
      slug: 'ru-he-zai-ju-zhu-di-gou-mai-cheng-xiang-ju-min-yi-liao-bao-xian',
      disclaimer: '提示：本内容不能代替面诊，如有不适请尽快就医。',
      sourceFile: page002,
      createdById: editor.id,
      publishedRevisionId: null,
    });
    expect(toIsoDate(article.contentDate!)).toBe('2025-03-22');
    expect(article.summary).toMatch(/^在居住地购买城乡居民医疗保险的流程/);
    expect(article.plainText).toContain('参保流程概述');

    const body = article.body as { type: string; content: { type: string; attrs?: { level?: number } }[] };
    expect(body.type).toBe('doc');
    const headings = body.content.filter((b) => b.type === 'heading');
    expect(headings.length).toBe(6);
    expect(headings.every((h) => h.attrs?.level === 2)).toBe(true);
    expect(body.content.some((b) => b.type === 'orderedList')).toBe(true);
    expect(JSON.stringify(body)).toContain('"bulletList"');
    // The disclaimer and the list are not part of the body.
    expect(article.plainText).not.toContain('相关推荐');
    expect(article.plainText).not.toContain('不能代替面诊');

    expect(article.recommendations).toHaveLength(20);
    expect(article.recommendations.map((r) => r.position)).toEqual([...Array(20).keys()]);
    for (const item of article.recommendations) {
      expect(item.category).toBe('健康新闻');
      expect(toIsoDate(item.itemDate!)).toBe('2025-03-22');
      expect(item.title.length).toBeGreaterThan(0);
      expect(item.targetArticleId).toBeNull();
    }
    expect(article.recommendations[0].title).toBe('2025年浙江丽水治疗手脚冰凉的医院有哪些');

    expect(article.revisions).toHaveLength(1);
    expect(article.revisions[0]).toMatchObject({ articleVersion: 1, authorId: editor.id, title: article.title });
    expect(article.revisions[0].recommendations).toHaveLength(20);
    expect(article.importItems).toEqual([expect.objectContaining({ batchId: report.batchId, outcome: 'CREATED', fileName: page002, error: null })]);
    expect(await db.importBatch.findUniqueOrThrow({ where: { id: report.batchId } })).toMatchObject({ created: 1, failed: 0, userId: editor.id });
  });

  it('tags regions named in the title automatically', async () => {
    const editor = await makeUser('EDITOR');
    const text = await withLine(page000, 0, () => '广州居民医保只能一年一交吗');
    const [result] = (await run(editor.id, [{ name: 'gz.txt', bytes: encode(text) }])).files;
    const regions = await db.articleRegion.findMany({ where: { articleId: result.articleId! } });
    expect(regions).toEqual([expect.objectContaining({ regionCode: '440100', provinceCode: '440000', origin: 'AUTO' })]);
  });
});

describe('re-importing', () => {
  it('reports the same bytes as unchanged and writes no content rows', async () => {
    const editor = await makeUser('EDITOR');
    const { articleId } = await importSample(page000, editor.id);
    const before = await counts();
    const report = await run(editor.id, [await samplePage(page000)]);
    expect(report.files[0]).toMatchObject({ outcome: 'unchanged', articleId });
    expect(report.totals.unchanged).toBe(1);
    expect(await counts()).toEqual(before);
    expect(await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { version: true } })).toEqual({ version: 1 });
    expect(await db.importItem.findFirstOrThrow({ where: { batchId: report.batchId } })).toMatchObject({ outcome: 'UNCHANGED', articleId });
  });

  it('treats a CRLF copy with a BOM as the same page', async () => {
    const editor = await makeUser('EDITOR');
    await importSample(page000, editor.id);
    const crlf = '\uFEFF' + (await sampleText(page000)).replace(/\n/g, '\r\n');
    const report = await run(editor.id, [{ name: 'crlf.txt', bytes: encode(crlf) }]);
    expect(report.files[0].outcome).toBe('unchanged');
  });

  it('updates a changed page with the same title as a new version and revision', async () => {
    const editor = await makeUser('EDITOR');
    const { articleId } = await importSample(page000, editor.id);
    const changed = await withLine(page000, 2, (line) => `${line}(2025年更新)`);
    const report = await run(editor.id, [{ name: 'again.txt', bytes: encode(changed) }]);
    expect(report.files[0]).toMatchObject({ outcome: 'updated', articleId });

    const article = await db.article.findUniqueOrThrow({ where: { id: articleId }, include: { revisions: { orderBy: { articleVersion: 'asc' } } } });
    expect(article).toMatchObject({ version: 2, importedVersion: 2, status: 'DRAFT', sourceFile: 'again.txt' });
    expect(article.plainText).toContain('2025年更新');
    expect(article.revisions.map((r) => r.articleVersion)).toEqual([1, 2]);
    expect(article.revisions[1].plainText).toContain('2025年更新');
    expect(await db.article.count()).toBe(1);
    expect(await db.recommendationItem.count()).toBe(20);
  });

  it('does not overwrite an article an editor has saved since the import', async () => {
    const editor = await makeUser('EDITOR');
    const { articleId } = await importSample(page000, editor.id);
    const current = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    await saveArticle(editor, {
      id: articleId,
      version: current.version,
      title: '编辑改写的标题',
      slug: current.slug,
      summary: '编辑写的摘要',
      disclaimer: current.disclaimer,
      contentDate: '',
      body: current.body,
      regions: [],
      recommendations: [],
    });
    const before = await counts();

    const changed = await withLine(page000, 2, (line) => `${line}(2025年更新)`);
    const report = await run(editor.id, [{ name: 'again.txt', bytes: encode(changed) }]);
    expect(report.files[0]).toMatchObject({ outcome: 'failed', articleId });
    expect(report.files[0].error).toMatch(/冲突/);
    expect(await db.importItem.findFirstOrThrow({ where: { batchId: report.batchId } })).toMatchObject({ outcome: 'FAILED', error: report.files[0].error });

    const after = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    expect(after).toMatchObject({ title: '编辑改写的标题', summary: '编辑写的摘要', version: 2, importedVersion: 1 });
    expect(after.plainText).not.toContain('2025年更新');
    expect(await counts()).toEqual(before);
  });
});

describe('broken files', () => {
  it('fails each broken file with a Chinese reason, imports the others and leaves no partial rows', async () => {
    const editor = await makeUser('EDITOR');
    const binary = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0x00, 0xfe]);
    const report = await run(editor.id, [
      await samplePage(page000),
      { name: 'empty.txt', bytes: new Uint8Array() },
      { name: 'image.png', bytes: binary },
      { name: 'title-only.txt', bytes: encode('只有标题没有正文\n\n') },
      await samplePage(page001),
    ]);
    expect(report.files.map((f) => [f.file, f.outcome])).toEqual([
      [page000, 'created'],
      ['empty.txt', 'failed'],
      ['image.png', 'failed'],
      ['title-only.txt', 'failed'],
      [page001, 'created'],
    ]);
    expect(report.totals).toEqual({ created: 2, updated: 0, unchanged: 0, failed: 3 });
    for (const failed of report.files.filter((f) => f.outcome === 'failed')) {
      expect(failed.error).toMatch(/[\u4e00-\u9fff]{4}/);
      expect(failed.articleId).toBeUndefined();
    }

    expect(await db.article.findMany({ select: { title: true }, orderBy: { title: 'asc' } })).toEqual([
      { title: '居民医保不能断吗' },
      { title: '居民医保只能一年一交吗' },
    ]);
    expect(await counts()).toMatchObject({ articles: 2, revisions: 2, items: 40 });
    const items = await db.importItem.findMany({ where: { batchId: report.batchId, outcome: 'FAILED' }, orderBy: { fileName: 'asc' } });
    expect(items.map((i) => [i.fileName, i.articleId, !!i.error])).toEqual([
      ['empty.txt', null, true],
      ['image.png', null, true],
      ['title-only.txt', null, true],
    ]);
  });
});

describe('linking recommendation items by title', () => {
  it('links an item to an article that already exists', async () => {
    const editor = await makeUser('EDITOR');
    const { articleId: targetId } = await importSample(page000, editor.id);
    const text = await withFirstItemTitle(page001, '居民医保只能一年一交吗');
    const [result] = (await run(editor.id, [{ name: page001, bytes: encode(text) }])).files;
    const items = await db.recommendationItem.findMany({ where: { articleId: result.articleId! }, orderBy: { position: 'asc' } });
    expect(items[0]).toMatchObject({ title: '居民医保只能一年一交吗', targetArticleId: targetId });
    expect(items.slice(1).every((i) => i.targetArticleId === null)).toBe(true);
  });

  it('links an item imported earlier once the article it names is imported', async () => {
    const editor = await makeUser('EDITOR');
    const text = await withFirstItemTitle(page001, '居民医保只能一年一交吗');
    const [first] = (await run(editor.id, [{ name: page001, bytes: encode(text) }])).files;
    const itemBefore = await db.recommendationItem.findFirstOrThrow({ where: { articleId: first.articleId!, position: 0 } });
    expect(itemBefore.targetArticleId).toBeNull();

    const { articleId: targetId } = await importSample(page000, editor.id);
    const itemAfter = await db.recommendationItem.findFirstOrThrow({ where: { articleId: first.articleId!, position: 0 } });
    expect(itemAfter.targetArticleId).toBe(targetId);
    // The article's own items never point at itself.
    expect(await db.recommendationItem.count({ where: { articleId: targetId, targetArticleId: targetId } })).toBe(0);
  });
});

describe('encodings', () => {
  it('imports GBK bytes exactly like the UTF-8 bytes of the same page', async () => {
    const editor = await makeUser('EDITOR');
    // GBK has no "•" (U+2022); a GBK export writes the middle dot instead.
    const text = (await sampleText(page000)).replaceAll('•', '·');
    const gbk = iconv.encode(text, 'gbk');
    expect(utf8.decode(gbk)).not.toBe(text); // really not UTF-8

    const [fromGbk] = (await run(editor.id, [{ name: 'gbk.txt', bytes: gbk }])).files;
    expect(fromGbk).toMatchObject({ outcome: 'created', title: '居民医保只能一年一交吗' });
    const [fromUtf8] = (await run(editor.id, [{ name: 'utf8.txt', bytes: encode(text) }])).files;
    expect(fromUtf8).toMatchObject({ outcome: 'unchanged', articleId: fromGbk.articleId });

    const article = await db.article.findUniqueOrThrow({ where: { id: fromGbk.articleId! }, include: { recommendations: true } });
    expect(article.plainText).toContain('居民医保通常采用');
    expect(article.disclaimer).toBe('提示：本内容不能代替面诊，如有不适请尽快就医。');
    expect(article.recommendations).toHaveLength(20);
    expect(article.recommendations.every((r) => r.category === '健康新闻')).toBe(true);
  });

  it('imports GB18030 bytes of a sample (bullets included) the same as UTF-8', async () => {
    const editor = await makeUser('EDITOR');
    const { articleId } = await importSample(page000, editor.id);
    const gb18030 = iconv.encode(await sampleText(page000), 'gb18030');
    const [result] = (await run(editor.id, [{ name: 'gb18030.txt', bytes: gb18030 }])).files;
    expect(result).toMatchObject({ outcome: 'unchanged', articleId });
  });
});
