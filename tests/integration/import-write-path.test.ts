import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveArticle } from '@/lib/articles/save-article';
import { toIsoDate } from '@/lib/dates';
import { db } from '@/lib/db/client';
import { importPages, type ImportFile } from '@/lib/import/import-pages';
import type { ImportReport } from '@/lib/import/results';
import { editInput, makeUser, resetDatabase, samplePage } from './helpers';

// One planner and one writer write every article version (lib/import/plan-pages.ts,
// lib/articles/write-versions.ts). A story (new pages, duplicates, a broken file, updates,
// unchanged pages, a conflict, a forced import, rejected and manual regions, taken working and
// live slugs, items linked by title both ways and across chunks) must leave the same rows whatever
// the chunk size: one page per transaction, two, or the whole batch at once. And a version the
// import writes must be the version the editor's save writes for the same content.

const samples = ['000_f9d22c9b16a877c9.txt', '001_09de7306f3693664.txt', '002_61664b8a0a0df384.txt', '003_91985a4ab1a3ef30.txt', '004_e9231330f69d2e16.txt'];
const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

type Page = { title: string; body: string; itemTitles: string[] };

let texts: string[] = [];

/** A sample page with its title, one body line and its first item titles replaced. */
function page(sample: number, { title, body, itemTitles }: Page): string {
  const lines = texts[sample].split('\n');
  lines[0] = title;
  const firstBody = lines.findIndex((l, i) => i > 0 && l.trim() !== '');
  lines[firstBody] = `${body}${lines[firstBody]}`;
  const header = lines.findIndex((l) => l.trim() === '相关推荐');
  let at = header + 1;
  for (const itemTitle of itemTitles) {
    while (lines[at].trim() === '') at += 1;
    lines[at] = itemTitle;
    at += 1;
    // Skip the summary and the "category date" line of this item.
    for (let skipped = 0; skipped < 2; at += 1) if (lines[at].trim() !== '') skipped += 1;
  }
  return lines.join('\n');
}

const file = (name: string, text: string): ImportFile => ({ name, bytes: encode(text) });

const A = { title: '广州市居民医保只能一年一交吗', body: '', itemTitles: [] };
const B = { title: '深圳居民医保断缴怎么办', body: '', itemTitles: ['杭州市门诊慢特病怎么申请'] };
const C = { title: '杭州市门诊慢特病怎么申请', body: '', itemTitles: ['广州市居民医保只能一年一交吗'] };
const D = { title: '成都异地就医备案流程', body: '', itemTitles: ['深圳居民医保断缴怎么办', '还没有的文章标题'] };
const E = { title: '还没有的文章标题', body: '', itemTitles: ['成都异地就医备案流程'] };

/** The story in chunks of `chunkFiles` files (unset: the default, larger than every batch here). */
async function story(chunkFiles?: number): Promise<ImportReport[]> {
  if (chunkFiles) vi.stubEnv('IMPORT_CHUNK_FILES', String(chunkFiles));
  const editor = await makeUser('EDITOR');
  const run = (files: ImportFile[], force?: boolean) => importPages(db, { actorId: editor.id, source: 'upload', files, force });
  const reports: ImportReport[] = [];

  // Slugs already taken: by a working copy (D's) and by a live page only (E's).
  await db.article.create({ data: { slug: 'cheng-du-yi-di-jiu-yi-bei-an-liu-cheng', title: '占用链接名的文章', body: {} } });
  const other = await db.article.create({ data: { slug: 'bie-de-wen-zhang', title: '别的文章', body: {} }, select: { id: true } });
  const live = await db.revision.create({
    data: {
      articleId: other.id,
      articleVersion: 1,
      title: '别的文章',
      slug: 'hai-mei-you-de-wen-zhang-biao-ti',
      summary: '',
      body: {},
      plainText: '',
      disclaimer: '',
      category: '',
      regions: [],
      recommendations: [],
    },
  });
  await db.article.update({ where: { id: other.id }, data: { publishedRevisionId: live.id, status: 'PUBLISHED' } });
  // Two new pages whose titles sound alike share a slug base; the base is free but its first
  // numbered variant is another article's live link name.
  const renamed = await db.article.create({ data: { slug: 'gai-guo-ming-de-wen-zhang', title: '改过链接名的文章', body: {} }, select: { id: true } });
  const renamedLive = await db.revision.create({
    data: {
      articleId: renamed.id,
      articleVersion: 1,
      title: '改过链接名的文章',
      slug: 'bei-jing-yi-bao-zen-me-bao-xiao-2',
      summary: '',
      body: {},
      plainText: '',
      disclaimer: '',
      category: '',
      regions: [],
      recommendations: [],
    },
  });
  await db.article.update({ where: { id: renamed.id }, data: { publishedRevisionId: renamedLive.id, status: 'PUBLISHED' } });

  reports.push(
    await run([
      file('a.txt', page(0, A)),
      file('b.txt', page(1, B)),
      file('a-copy.txt', page(0, A)),
      file('empty.txt', '\n\n'),
      file('c.txt', page(2, C)),
      file('a-other.txt', page(3, A)),
      file('homophone-1.txt', page(4, { title: '北京医保怎么报消', body: '', itemTitles: [] })),
      file('homophone-2.txt', page(4, { title: '北京医保怎么抱销', body: '', itemTitles: [] })),
    ]),
  );

  // An editor rejects A's detected region, tags C by hand and edits B (so B conflicts).
  const a = await db.article.findFirstOrThrow({ where: { title: A.title }, include: { regions: true } });
  await db.article.update({ where: { id: a.id }, data: { rejectedRegionCodes: a.regions.map((r) => r.regionCode) } });
  const c = await db.article.findFirstOrThrow({ where: { title: C.title } });
  await db.articleRegion.create({ data: { articleId: c.id, regionCode: '110000', provinceCode: '110000', cityCode: null, origin: 'MANUAL', confidence: 1 } });
  const b = await db.article.findFirstOrThrow({ where: { title: B.title } });
  await db.article.update({ where: { id: b.id }, data: { summary: '编辑改过', version: { increment: 1 } } });

  reports.push(
    await run([
      file('a2.txt', page(0, { ...A, body: '更新：' })),
      file('b2.txt', page(1, { ...B, body: '更新：' })),
      file('d.txt', page(3, D)),
      file('e.txt', page(4, E)),
      file('c2.txt', page(2, { ...C, body: '更新：', itemTitles: ['成都异地就医备案流程'] })),
    ]),
  );
  reports.push(
    await run(
      [
        file('b2.txt', page(1, { ...B, body: '更新：' })),
        file('e.txt', page(4, E)),
        file('c2.txt', page(2, { ...C, body: '更新：', itemTitles: ['成都异地就医备案流程'] })),
      ],
      true,
    ),
  );
  return reports;
}

/** Every row the import writes, with ids replaced by the articles' sourceKeys (or slugs). */
async function snapshot(reports: ImportReport[]) {
  const articles = await db.article.findMany({
    orderBy: { slug: 'asc' },
    include: {
      regions: { orderBy: { regionCode: 'asc' } },
      recommendations: { orderBy: { position: 'asc' } },
      revisions: { orderBy: { articleVersion: 'asc' } },
    },
  });
  const label = new Map(articles.map((a) => [a.id, a.sourceKey ?? a.slug]));
  const name = (id: string | null | undefined) => (id ? (label.get(id) ?? 'UNKNOWN') : null);
  const batches = await db.importBatch.findMany({ orderBy: { createdAt: 'asc' }, include: { items: { orderBy: { position: 'asc' } } } });
  const audits = await db.auditEvent.findMany({ where: { action: 'article.import' }, orderBy: { id: 'asc' } });
  const vectors = await db.$queryRaw<{ articleId: string; vector: string }[]>`SELECT "articleId", vector::text AS vector FROM "ArticleSearch"`;
  const vectorOf = new Map(vectors.map((v) => [v.articleId, v.vector]));
  return {
    articles: articles.map((a) => ({
      key: name(a.id),
      slug: a.slug,
      title: a.title,
      summary: a.summary,
      body: a.body,
      plainText: a.plainText,
      // The working copy's search vector, as each path computes it.
      searchVector: vectorOf.get(a.id) ?? null,
      disclaimer: a.disclaimer,
      status: a.status,
      contentDate: a.contentDate && toIsoDate(a.contentDate),
      version: a.version,
      importedVersion: a.importedVersion,
      sourceFile: a.sourceFile,
      sourceHash: a.sourceHash,
      rejectedRegionCodes: a.rejectedRegionCodes,
      createdById: a.createdById !== null,
      updatedById: a.updatedById !== null,
      published: a.publishedRevisionId ? (a.revisions.find((r) => r.id === a.publishedRevisionId)?.articleVersion ?? 'elsewhere') : null,
      regions: a.regions.map(({ articleId: _a, ...r }) => r),
      items: a.recommendations.map(({ articleId: _a, targetArticleId, itemDate, ...i }) => ({
        ...i,
        itemDate: itemDate && toIsoDate(itemDate),
        target: name(targetArticleId),
      })),
      revisions: a.revisions.map(({ id: _id, articleId: _a, createdAt: _c, authorId, contentDate, recommendations, ...r }) => ({
        ...r,
        author: authorId !== null,
        contentDate: contentDate && toIsoDate(contentDate),
        recommendations: (recommendations as { targetArticleId: string | null }[]).map((i) => ({ ...i, targetArticleId: name(i.targetArticleId) })),
      })),
    })),
    batches: batches.map((b) => ({
      totals: [b.created, b.updated, b.unchanged, b.failed],
      items: b.items.map(({ id: _id, batchId: _b, articleId, ...i }) => ({ ...i, article: name(articleId) })),
    })),
    audits: audits.map((e) => ({ entity: name(e.entityId), summary: e.summary, actor: e.actorId !== null })),
    reports: reports.map((r) => ({ totals: r.totals, files: r.files.map(({ articleId, ...f }) => ({ ...f, article: name(articleId) })) })),
  };
}

beforeEach(async () => {
  await resetDatabase();
  texts = await Promise.all(samples.map(async (s) => decode((await samplePage(s)).bytes)));
});
afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(async () => {
  await db.$executeRawUnsafe('DROP TRIGGER IF EXISTS bulk_test_boom ON "Article"');
  await db.$executeRawUnsafe('DROP FUNCTION IF EXISTS bulk_test_boom()');
  await db.$disconnect();
});

describe('the import write path', () => {
  it('leaves the same rows whatever the chunk size', async () => {
    // Equal states prove nothing if every chunk quietly fell back to writing file by file.
    const errors = vi.spyOn(console, 'error');
    const whole = await snapshot(await story());
    await resetDatabase();
    vi.unstubAllEnvs();
    const onePerChunk = await snapshot(await story(1));
    expect(onePerChunk).toEqual(whole);
    await resetDatabase();
    vi.unstubAllEnvs();
    expect(await snapshot(await story(2))).toEqual(whole);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();

    // Every imported page has its search vector (the others were written by this test directly).
    const imported = whole.articles.filter((a) => a.sourceFile);
    expect(imported.length).toBeGreaterThan(3);
    expect(imported.every((a) => a.searchVector?.includes(':1A'))).toBe(true);

    // The story covers what it claims to.
    const outcomes = whole.reports.map((r) => r.files.map((f) => f.reason ?? f.outcome).join(' '));
    expect(outcomes).toEqual([
      'created created unchanged EMPTY created DUPLICATE created created',
      'updated CONFLICT created created updated',
      'updated unchanged unchanged',
    ]);
    const slugs = whole.articles.map((a) => a.slug);
    expect(slugs).toEqual(
      expect.arrayContaining([
        'cheng-du-yi-di-jiu-yi-bei-an-liu-cheng-2',
        'hai-mei-you-de-wen-zhang-biao-ti-2',
        'bei-jing-yi-bao-zen-me-bao-xiao',
        'bei-jing-yi-bao-zen-me-bao-xiao-3',
      ]),
    );
    const b = whole.articles.find((a) => a.title === B.title)!;
    expect(b.items[0].target).toBe(whole.articles.find((a) => a.title === C.title)!.key);
    expect(whole.articles.find((a) => a.title === C.title)!.regions.map((r) => r.origin)).toContain('MANUAL');
    // D links to E, which came later in the same batch: linked after D's revision was taken.
    const d = whole.articles.find((a) => a.title === D.title)!;
    const e = whole.articles.find((a) => a.title === E.title)!;
    expect(d.items[1].target).toBe(e.key);
    expect(d.revisions[0].recommendations[1].targetArticleId).toBeNull();
  });

  it("writes the version the editor's save writes for the same content", async () => {
    // The import: page A, then A again with a changed body (a new version of the working copy).
    const editor = await makeUser('EDITOR');
    const first = await importPages(db, { actorId: editor.id, source: 'upload', files: [file('a.txt', page(0, A))] });
    await importPages(db, { actorId: editor.id, source: 'upload', files: [file('a2.txt', page(0, { ...A, body: '更新：' }))] });
    const imported = await versionState(first.files[0].articleId!);
    expect(imported.article.version).toBe(2);
    const content = await editInput(first.files[0].articleId!);

    // The editor: page A, then the same content saved in the editor.
    await resetDatabase();
    const editor2 = await makeUser('EDITOR');
    const again = await importPages(db, { actorId: editor2.id, source: 'upload', files: [file('a.txt', page(0, A))] });
    const articleId = again.files[0].articleId!;
    const { id: _id, version: _version, ...fields } = content;
    await saveArticle(editor2, { ...(await editInput(articleId)), ...fields });
    const saved = await versionState(articleId);

    expect(saved.article).toEqual(imported.article);
    expect(saved.regions).toEqual(imported.regions);
    expect(saved.items).toEqual(imported.items);
    expect(saved.searchVector).toEqual(imported.searchVector);
    expect(saved.revision).toEqual(imported.revision);
    expect(saved.revision.regions.length).toBeGreaterThan(0);
  });

  it('retries a chunk the database refuses file by file: the bad file fails, the others land', async () => {
    // A database-side failure for one title only.
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION bulk_test_boom() RETURNS trigger AS $$
      BEGIN IF NEW.title LIKE '%BOOM%' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe('CREATE TRIGGER bulk_test_boom BEFORE INSERT OR UPDATE ON "Article" FOR EACH ROW EXECUTE FUNCTION bulk_test_boom()');
    const files = [
      file('a.txt', page(0, A)),
      file('boom.txt', page(1, { ...B, title: '会失败的页面BOOM' })),
      file('c.txt', page(2, C)),
      file('d.txt', page(3, D)),
    ];
    const runWith = async (chunkFiles: number) => {
      vi.stubEnv('IMPORT_CHUNK_FILES', String(chunkFiles));
      const editor = await makeUser('EDITOR');
      const report = await importPages(db, { actorId: editor.id, source: 'upload', files });
      return snapshot([report]);
    };
    const errors = vi.spyOn(console, 'error');
    const together = await runWith(4);
    expect(errors.mock.calls.some(([message]) => String(message).includes('retrying them one by one'))).toBe(true);
    errors.mockRestore();
    expect(together.reports[0].files.map((f) => f.reason ?? f.outcome)).toEqual(['created', 'DATABASE', 'created', 'created']);
    await resetDatabase();
    expect(await runWith(1)).toEqual(together);
    await db.$executeRawUnsafe('DROP TRIGGER bulk_test_boom ON "Article"');
  });

  it('picks up after an interrupted import: written chunks are unchanged, the rest is created', async () => {
    vi.stubEnv('IMPORT_CHUNK_FILES', '2');
    const editor = await makeUser('EDITOR');
    const all = [A, B, C, D, E].map((p, i) => file(`${i}.txt`, page(i, p)));
    // The first two chunks of an import that was killed, then the whole import again.
    await importPages(db, { actorId: editor.id, source: 'cli', files: all.slice(0, 4) });
    const again = await importPages(db, { actorId: editor.id, source: 'cli', files: all });
    expect(again.files.map((f) => f.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'created']);
    const resumed = (await snapshot([])).articles;
    await resetDatabase();
    const editor2 = await makeUser('EDITOR');
    await importPages(db, { actorId: editor2.id, source: 'cli', files: all });
    const clean = (await snapshot([])).articles;
    // Revision notes and item links are as one clean run leaves them.
    expect(resumed).toEqual(clean);
  });
});

/** An article's version as the writer left it, without what only an import or only an editor sets. */
async function versionState(articleId: string) {
  const a = await db.article.findUniqueOrThrow({
    where: { id: articleId },
    include: {
      regions: { orderBy: { regionCode: 'asc' } },
      recommendations: { orderBy: { position: 'asc' } },
      revisions: { orderBy: { articleVersion: 'desc' }, take: 1 },
    },
  });
  const [vector] = await db.$queryRaw<{ vector: string }[]>`SELECT vector::text AS vector FROM "ArticleSearch" WHERE "articleId" = ${articleId}`;
  const { id: _rid, articleId: _ra, createdAt: _rc, authorId: _author, note: _note, ...revision } = a.revisions[0];
  return {
    article: {
      title: a.title,
      slug: a.slug,
      summary: a.summary,
      body: a.body,
      plainText: a.plainText,
      disclaimer: a.disclaimer,
      category: a.category,
      status: a.status,
      version: a.version,
      contentDate: a.contentDate && toIsoDate(a.contentDate),
      rejectedRegionCodes: a.rejectedRegionCodes,
    },
    regions: a.regions.map(({ articleId: _a, ...r }) => r),
    items: a.recommendations.map(({ articleId: _a, ...i }) => i),
    searchVector: vector?.vector ?? null,
    revision: { ...revision, regions: revision.regions as unknown[] },
  };
}
