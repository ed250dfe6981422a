import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { articleListQuerySchema, parseArticleListQuery } from '@/lib/articles/list-query';
import { listArticles } from '@/lib/articles/queries';
import { db } from '@/lib/db/client';
import { makeArticle, type ArticleFixture } from './article-fixtures';
import { makeUser, resetDatabase } from './helpers';

beforeEach(resetDatabase);
afterAll(() => db.$disconnect());

async function titles(params: Record<string, string>) {
  const { rows, total } = await listArticles(articleListQuerySchema.parse(params));
  return { titles: rows.map((r) => r.title), total };
}

async function make(fixtures: ArticleFixture[]) {
  const editor = await makeUser('EDITOR');
  for (const f of fixtures) await makeArticle(editor, f);
}

describe('the admin article list', () => {
  it('filters a province with its cities and counties, a city with its counties', async () => {
    await make([
      { title: '广东省', regions: ['440000'] },
      { title: '广州市', regions: ['440100'] },
      { title: '天河区', regions: ['440106'] },
      { title: '南山区', regions: ['440305'] },
      { title: '东城区', regions: ['110101'] },
      { title: '广州和天河', regions: ['440100', '440106'] },
      { title: '删除的广州', regions: ['440100'], deleted: true },
    ]);
    const sorted = async (region: string) => (await titles({ region, sort: 'title', dir: 'asc' })).titles;
    // Titles sort by code point (the database's C collation): 东 U+4E1C before 州 U+5DDE.
    expect(await sorted('440000')).toEqual(['南山区', '天河区', '广东省', '广州和天河', '广州市']);
    expect(await sorted('440100')).toEqual(['天河区', '广州和天河', '广州市']);
    expect(await sorted('440106')).toEqual(['天河区', '广州和天河']);
    expect(await sorted('110000')).toEqual(['东城区']);
    expect((await titles({ region: '440000' })).total).toBe(5);
  });

  it('includes both ends of a date range', async () => {
    await make([
      { title: '三月底', contentDate: '2025-03-31' },
      { title: '四月初', contentDate: '2025-04-01' },
      { title: '四月底', contentDate: '2025-04-30' },
      { title: '五月初', contentDate: '2025-05-01' },
      { title: '无日期' },
    ]);
    const april = await titles({ from: '2025-04-01', to: '2025-04-30', sort: 'contentDate', dir: 'asc' });
    expect(april).toEqual({ titles: ['四月初', '四月底'], total: 2 });
    expect((await titles({ from: '2025-04-30' })).total).toBe(2);
    expect((await titles({ to: '2025-03-31' })).titles).toEqual(['三月底']);
  });

  it('filters one status or the unpublished group, combined with a region', async () => {
    await make([
      { title: '草稿', status: 'DRAFT', regions: ['440100'] },
      { title: '审核中', status: 'IN_REVIEW', regions: ['440100'] },
      { title: '需修改', status: 'CHANGES_REQUESTED' },
      { title: '已批准', status: 'APPROVED', regions: ['440300'] },
      { title: '已发布', status: 'PUBLISHED', regions: ['440100'] },
      { title: '已下线', status: 'ARCHIVED', regions: ['440100'] },
    ]);
    expect((await titles({ status: 'UNPUBLISHED', sort: 'title', dir: 'asc' })).titles.sort()).toEqual(['草稿', '审核中', '需修改', '已批准'].sort());
    expect((await titles({ status: 'UNPUBLISHED', region: '440000' })).total).toBe(3);
    expect((await titles({ status: 'PUBLISHED', region: '440100' })).titles).toEqual(['已发布']);
  });

  it('pages "newest content first" with undated articles last, without gaps or repeats', async () => {
    await make([
      ...Array.from({ length: 9 }, (_, i) => ({ title: `有日期${i + 1}`, contentDate: `2025-01-${String(i + 10).padStart(2, '0')}` })),
      { title: '无日期甲' },
      { title: '无日期乙' },
      { title: '无日期丙' },
    ]);
    const page1 = await titles({ sort: 'contentDate', dir: 'desc', size: '10' });
    const page2 = await titles({ sort: 'contentDate', dir: 'desc', size: '10', page: '2' });
    expect(page1.total).toBe(12);
    expect(page1.titles.slice(0, 9)).toEqual(['有日期9', '有日期8', '有日期7', '有日期6', '有日期5', '有日期4', '有日期3', '有日期2', '有日期1']);
    expect(page1.titles[9]).toMatch(/^无日期/);
    expect(page2.titles).toHaveLength(2);
    expect(new Set([...page1.titles, ...page2.titles]).size).toBe(12);
    const ascending = await titles({ sort: 'contentDate', dir: 'asc', size: '10' });
    expect(ascending.titles.slice(0, 3)).toEqual(['有日期1', '有日期2', '有日期3']);
    expect((await titles({ sort: 'contentDate', dir: 'asc', size: '10', page: '2' })).titles.every((t) => t.startsWith('无日期'))).toBe(true);
  });

  it('searches titles case-insensitively (punctuation literally), and slugs by pinyin', async () => {
    await make([{ title: '住院报销100%比例' }, { title: '住院报销比例' }, { title: 'CT检查报销' }, { title: '异地就医' }]);
    expect((await titles({ q: '%' })).titles).toEqual(['住院报销100%比例']);
    expect((await titles({ q: 'ct' })).titles).toEqual(['CT检查报销']);
    expect((await titles({ q: '报销', sort: 'title', dir: 'asc' })).total).toBe(3);
    // Slugs are pinyin syllables joined by hyphens: yi-di-jiu-yi.
    expect((await titles({ q: 'di-jiu' })).titles).toEqual(['异地就医']);
    expect((await titles({ q: 'DI-JIU' })).titles).toEqual(['异地就医']);
  });

  it('reads a keyword with control characters or past 100 characters from an address instead of failing', async () => {
    await make([{ title: '住院报销100%比例' }, { title: '异地就医' }]);
    // PostgreSQL's text refuses NUL: each control character is a space, so "%00%25" looks up "%".
    expect(await titles({ q: '\u0000' })).toEqual({ titles: ['异地就医', '住院报销100%比例'], total: 2 });
    expect((await titles({ q: '\u0000%' })).titles).toEqual(['住院报销100%比例']);
    expect((await titles({ q: '异地\u0000\u0001' })).titles).toEqual(['异地就医']);
    expect((await titles({ q: 'yi-di\u0000' })).titles).toEqual(['异地就医']);
    // Cut at 100 characters (the page says so under the filters).
    const long = parseArticleListQuery({ q: `异地就医${'x'.repeat(200)}` });
    expect(long.q).toBe(`异地就医${'x'.repeat(96)}`);
    expect((await listArticles(long)).total).toBe(0);
    expect(parseArticleListQuery({ q: ['异地', '就医'] }).q).toBe('异地');
  });

  it('shows an article with its regions, most certain first, and who edited it last', async () => {
    await make([{ title: '地区显示', regions: [{ code: '440106', origin: 'AUTO' }, '110101'] }]);
    const { rows } = await listArticles(articleListQuerySchema.parse({}));
    expect(rows[0]).toMatchObject({ title: '地区显示', status: 'DRAFT', isLive: false, contentDate: null, regions: ['东城区', '天河区'] });
    expect(rows[0].updatedBy).toMatch(/^EDITOR/);
  });
});
