import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleListQuerySchema } from '@/lib/articles/list-query';
import { countArticles, listArticles } from '@/lib/articles/queries';
import { db } from '@/lib/db/client';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { makeArticle } from './article-fixtures';
import { makeUser, resetDatabase } from './helpers';

// The admin table's keyword search on the real database, by both of its plans: the exact one
// (every match found, counted and paged in one statement) and the estimated one (the sorted index
// walked until the page is full, an estimated total, paging bounded), forced here with
// `hugeAbove: 0` since a test database is far too small for the planner to choose it. Both must
// list the same rows in the same order, with every filter.

type Fixture = { key: string; title: string; status: ArticleStatus; region: string | null; contentDate: string | null; deleted?: boolean };

const statuses: ArticleStatus[] = ['DRAFT', 'PUBLISHED', 'IN_REVIEW', 'PUBLISHED'];
const matching: Fixture[] = Array.from({ length: 24 }, (_, i) => ({
  key: `m${i}`,
  title: `医保问答第${i + 1}篇`,
  status: statuses[i % 4],
  // 440106 天河区 (广州市, 广东省) and 110101 东城区 (北京市).
  region: i % 3 === 0 ? '440106' : i % 3 === 1 ? '110101' : null,
  // Shared dates (ties broken by id) and some undated.
  contentDate: i % 5 === 4 ? null : `2025-03-${10 + (i % 7)}`,
}));
const others: Fixture[] = [
  { key: 'x0', title: '门诊报销流程', status: 'PUBLISHED', region: '440106', contentDate: '2025-03-12' },
  { key: 'x1', title: '生育津贴申请条件', status: 'DRAFT', region: null, contentDate: null },
  { key: 'x2', title: '异地就医备案', status: 'IN_REVIEW', region: '110101', contentDate: '2025-03-11' },
  { key: 'd0', title: '医保问答已删除', status: 'PUBLISHED', region: '440106', contentDate: '2025-03-12', deleted: true },
];
const ids = new Map<string, string>();

beforeAll(async () => {
  await resetDatabase();
  const editor = await makeUser('EDITOR');
  for (const f of [...matching, ...others]) {
    ids.set(
      f.key,
      await makeArticle(editor, { title: f.title, status: f.status, regions: f.region ? [f.region] : [], contentDate: f.contentDate, deleted: f.deleted }),
    );
  }
}, 120_000);

afterAll(() => db.$disconnect());

const inProvince = (code: string | null, province: string) => code !== null && code.startsWith(province.slice(0, 2));
const unpublished: ArticleStatus[] = ['DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED'];

// Filter combinations with the articles each must find, worked out from the fixtures.
const filters: { params: Record<string, string>; expect: (f: Fixture) => boolean }[] = [
  { params: {}, expect: () => true },
  { params: { status: 'PUBLISHED' }, expect: (f) => f.status === 'PUBLISHED' },
  { params: { status: 'UNPUBLISHED' }, expect: (f) => unpublished.includes(f.status) },
  { params: { region: '440000' }, expect: (f) => inProvince(f.region, '440000') },
  { params: { region: '110000', status: 'PUBLISHED' }, expect: (f) => inProvince(f.region, '110000') && f.status === 'PUBLISHED' },
  { params: { from: '2025-03-12', to: '2025-03-14' }, expect: (f) => f.contentDate !== null && f.contentDate >= '2025-03-12' && f.contentDate <= '2025-03-14' },
  {
    params: { region: '440100', from: '2025-03-11', status: 'UNPUBLISHED' },
    expect: (f) => f.region === '440106' && f.contentDate !== null && f.contentDate >= '2025-03-11' && unpublished.includes(f.status),
  },
];
const sorts = (['updatedAt', 'contentDate', 'title', 'status'] as const).flatMap((sort) => (['desc', 'asc'] as const).map((dir) => ({ sort, dir })));

describe("the admin table's keyword search, exact and estimated", () => {
  it('finds exactly the matching articles out of the trash, with every filter, and counts them exactly on the exact path', async () => {
    for (const { params, expect: wanted } of filters) {
      const expected = matching
        .filter(wanted)
        .map((f) => ids.get(f.key)!)
        .sort();
      const found: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const list = await listArticles(articleListQuerySchema.parse({ ...params, q: '医保', size: '10', page: String(page) }));
        expect(list.totalIsEstimate).toBe(false);
        expect(list.total, JSON.stringify(params)).toBe(expected.length);
        found.push(...list.rows.map((r) => r.id));
      }
      expect(found.sort(), JSON.stringify(params)).toEqual(expected);
    }
  });

  it('lists the same rows in the same order on both paths, for every filter, order and page', async () => {
    let walked = 0;
    for (const { params } of filters) {
      for (const { sort, dir } of sorts) {
        for (let page = 1; page <= 3; page++) {
          const query = articleListQuerySchema.parse({ ...params, q: '医保', sort, dir, size: '10', page: String(page) });
          const label = JSON.stringify({ ...params, sort, dir, page });
          const exact = await listArticles(query);
          const estimated = await listArticles(query, { hugeAbove: 0 });
          expect(
            estimated.rows.map((r) => r.id),
            label,
          ).toEqual(exact.rows.map((r) => r.id));
          expect(estimated.page).toBe(page);
          if (estimated.totalIsEstimate) {
            // Walked, and more follow: the total is the planner's, but never below what the walk has seen.
            walked += 1;
            expect(exact.total, label).toBeGreaterThan(page * 10);
            expect(estimated.total, label).toBeGreaterThan(page * 10);
          } else {
            // The list ends on (or before) this page, or the walk did (the undated end of "newest
            // content first"): every match was found, and the total is exact.
            expect(estimated.total, label).toBe(exact.total);
            expect(estimated.pageCount, label).toBe(exact.pageCount);
          }
        }
      }
    }
    expect(walked).toBeGreaterThan(20);
  });

  it('walks wherever more follow, and counts exactly where the list ends', async () => {
    const page = async (params: Record<string, string>) => listArticles(articleListQuerySchema.parse({ q: '医保', size: '10', ...params }), { hugeAbove: 0 });
    expect(await page({})).toMatchObject({ totalIsEstimate: true, page: 1 });
    expect(await page({ page: '2' })).toMatchObject({ totalIsEstimate: true, page: 2 });
    expect(await page({ page: '3' })).toMatchObject({ totalIsEstimate: false, total: 24, pageCount: 3 });
    expect(await page({ sort: 'title', dir: 'asc', page: '2' })).toMatchObject({ totalIsEstimate: true });
  });

  it('counts without a page as the table does: exactly, or estimated for a very common keyword', async () => {
    for (const params of [{}, { q: '医保' }, { q: '医保', status: 'DRAFT' }, { q: 'wen-da' }]) {
      const query = articleListQuerySchema.parse(params);
      const table = await listArticles(query);
      expect(await countArticles(query, new Map()), JSON.stringify(params)).toEqual({ total: table.total, totalIsEstimate: false });
    }
    const estimated = await countArticles(articleListQuerySchema.parse({ q: '医保' }), new Map(), { hugeAbove: 0 });
    expect(estimated.totalIsEstimate).toBe(true);
    expect(estimated.total).toBeGreaterThan(0);
    // Text that can be in a slug is always counted exactly, as the table lists it.
    expect(await countArticles(articleListQuerySchema.parse({ q: 'wen-da' }), new Map(), { hugeAbove: 0 })).toMatchObject({ totalIsEstimate: false });
  });

  it("keeps the table's order: newest change first by default, undated content last", async () => {
    for (const options of [{}, { hugeAbove: 0 }]) {
      const byUpdate = await listArticles(articleListQuerySchema.parse({ q: '医保', size: '50' }), options);
      const updated = byUpdate.rows.map((r) => r.updatedAt);
      expect(updated).toEqual([...updated].sort().reverse());
      const byContent = (await listArticles(articleListQuerySchema.parse({ q: '医保', sort: 'contentDate', dir: 'desc', size: '50' }), options)).rows.map(
        (r) => r.contentDate,
      );
      const dated = byContent.filter((d) => d !== null);
      expect(byContent).toEqual([...dated, ...byContent.filter((d) => d === null)]);
      expect(dated).toEqual([...dated].sort().reverse());
    }
  });

  it('matches text that can be in a slug exactly, however common', async () => {
    // 医保问答第1篇 … → yi-bao-wen-da-di-1-pian …; the trashed one too, but it is not listed.
    const list = await listArticles(articleListQuerySchema.parse({ q: 'wen-da', size: '10' }), { hugeAbove: 0 });
    expect(list).toMatchObject({ totalIsEstimate: false, total: 24, pageCount: 3 });
  });

  it('pages an estimated list up to its bound and no further: a later page shows the last one', async () => {
    const query = articleListQuerySchema.parse({ q: '医保', size: '10', page: '3' });
    const bounded = await listArticles(query, { hugeAbove: 0, rowsPaged: 20 });
    expect(bounded).toMatchObject({ page: 2, pageCount: 2, totalIsEstimate: true, truncated: true });
    expect(bounded.rows.map((r) => r.id)).toEqual((await listArticles({ ...query, page: 2 })).rows.map((r) => r.id));
    const first = await listArticles({ ...query, page: 1 }, { hugeAbove: 0, rowsPaged: 20 });
    expect(first).toMatchObject({ page: 1, pageCount: 2, totalIsEstimate: true, truncated: false });
  });

  it('counts an estimated list exactly when a page asked for lies past its end', async () => {
    // 东城区: 8 matching articles, so page 3 of 10 is empty.
    const query = articleListQuerySchema.parse({ q: '医保', region: '110101', size: '10', page: '3' });
    const estimated = await listArticles(query, { hugeAbove: 0 });
    expect(estimated).toMatchObject({ rows: [], total: 8, totalIsEstimate: false, page: 3, pageCount: 1 });
  });
});
