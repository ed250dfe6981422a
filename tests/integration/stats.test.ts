import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { monthData, provinceData } from '@/components/dashboard/chart-data';
import { parseArticleListQuery } from '@/lib/articles/list-query';
import { listArticles } from '@/lib/articles/queries';
import { countPagesByMonth, countPagesByProvince, monthWindow, todayInChina } from '@/lib/articles/stats';
import { db } from '@/lib/db/client';
import { makeArticle } from './article-fixtures';
import { makeUser, resetDatabase } from './helpers';

beforeEach(resetDatabase);
afterAll(() => db.$disconnect());

/** Follows a bar's link the way the page does: its query string, parsed, into listArticles. */
async function linkTotal(href: string): Promise<number> {
  const params = Object.fromEntries(new URL(href, 'http://admin.local').searchParams);
  return (await listArticles(parseArticleListQuery(params))).total;
}

async function fixture() {
  const editor = await makeUser('EDITOR');
  // Two tags in one province count once there.
  await makeArticle(editor, { title: '甲', status: 'PUBLISHED', contentDate: '2026-11-05', regions: ['440100', '440106'] });
  await makeArticle(editor, { title: '乙', status: 'DRAFT', contentDate: '2025-04-30', regions: ['440000', '110101'] });
  await makeArticle(editor, { title: '丙', status: 'IN_REVIEW', contentDate: '2025-04-01', regions: ['440300'] });
  await makeArticle(editor, { title: '丁', status: 'APPROVED', contentDate: '2024-12-01', regions: [{ code: '510104', origin: 'AUTO' }] });
  // Not counted: archived, in the trash, outside the window, undated (months) and untagged (provinces).
  await makeArticle(editor, { title: '戊', status: 'ARCHIVED', contentDate: '2025-04-10', regions: ['440100'] });
  await makeArticle(editor, { title: '己', status: 'PUBLISHED', contentDate: '2025-04-11', regions: ['440100'], deleted: true });
  await makeArticle(editor, { title: '庚', status: 'CHANGES_REQUESTED', contentDate: '2024-11-30' });
  await makeArticle(editor, { title: '辛', status: 'PUBLISHED', regions: ['110101'] });
}

describe('dashboard statistics', () => {
  it('counts published and unpublished articles per province, an article once per province', async () => {
    await fixture();
    const provinces = await countPagesByProvince();
    expect(provinces).toEqual([
      { code: '440000', name: '广东省', shortName: '广东', published: 1, unpublished: 2 },
      { code: '110000', name: '北京市', shortName: '北京', published: 1, unpublished: 1 },
      { code: '510000', name: '四川省', shortName: '四川', published: 0, unpublished: 1 },
    ]);
    // Every part of every bar links to a table showing that many articles.
    for (const bar of provinceData(provinces)) {
      expect(await linkTotal(bar.publishedHref)).toBe(bar.published);
      expect(await linkTotal(bar.unpublishedHref)).toBe(bar.unpublished);
    }
    expect(provinceData(provinces)[0].unpublishedHref).toBe('/admin/articles?region=440000&status=UNPUBLISHED');
  });

  it('counts articles per month of their content date over the last 24 months', async () => {
    await fixture();
    const months = await countPagesByMonth({ today: '2026-11-20' });
    expect(months).toHaveLength(24);
    expect(months[0]).toEqual({ month: '2024-12', from: '2024-12-01', to: '2024-12-31', published: 0, unpublished: 1 });
    expect(months.at(-1)).toEqual({ month: '2026-11', from: '2026-11-01', to: '2026-11-30', published: 1, unpublished: 0 });
    expect(months.find((m) => m.month === '2025-04')).toMatchObject({ published: 0, unpublished: 2 });
    expect(months.reduce((n, m) => n + m.published + m.unpublished, 0)).toBe(4);
    for (const bar of monthData(months)) {
      expect(await linkTotal(bar.publishedHref)).toBe(bar.published);
      expect(await linkTotal(bar.unpublishedHref)).toBe(bar.unpublished);
    }
    expect(monthData(months).find((m) => m.key === '2025-04')?.unpublishedHref).toBe('/admin/articles?from=2025-04-01&to=2025-04-30&status=UNPUBLISHED');
  });

  it('builds calendar months and today in China time', () => {
    expect(monthWindow('2024-03-15', 2)).toEqual([
      { month: '2024-02', from: '2024-02-01', to: '2024-02-29' },
      { month: '2024-03', from: '2024-03-01', to: '2024-03-31' },
    ]);
    expect(monthWindow('2026-01-31', 2)[0]).toEqual({ month: '2025-12', from: '2025-12-01', to: '2025-12-31' });
    // 17:00 UTC is already the next day in Beijing.
    expect(todayInChina(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
  });
});
