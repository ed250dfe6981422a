import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStaleArticles, policyYearsSql } from '@/lib/articles/freshness';
import { extractPolicyYears, policyYearPatternFrom } from '@/lib/articles/policy-years';
import { policyYearSamples } from '@/tests/fixtures/articles/policy-years-samples';
import { saveArticle } from '@/lib/articles/save-article';
import type { CurrentUser } from '@/lib/auth/session-types';
import { toIsoDate } from '@/lib/dates';
import { db } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { readPublishedArticle } from '@/lib/public/read-published';
import { publishArticle, reviewArticle, submitForReview } from '@/lib/workflow/workflow';
import { importSample, makeUser, resetDatabase, samplePage } from './helpers';

async function sqlYears(text: string): Promise<number[]> {
  const [row] = await db.$queryRaw<{ years: number[] }[]>`SELECT ${policyYearsSql(Prisma.sql`${text}::text`)} AS years`;
  return row!.years;
}

describe('the SQL pattern reads texts as extractPolicyYears does', () => {
  it.each(policyYearSamples.map((s) => [s.text, s.years] as const))('%s', async (text, years) => {
    expect(await sqlYears(text)).toEqual(years);
    expect(extractPolicyYears(text)).toEqual(years);
  });

  // The freshness query also asks "states a policy year of this year or later?".
  it.each(policyYearSamples.map((s) => [s.text, s.years] as const))('derived patterns: %s', async (text, years) => {
    const probeYears = [2019, 2020, 2021, 2023, 2024, 2025, 2026, 2100];
    // No pattern for years past the pattern's range: 'x^' matches nothing in either dialect.
    const patterns = probeYears.map((y) => policyYearPatternFrom(y) ?? 'x^');
    const [row] = await db.$queryRaw<{ hits: boolean[] }[]>`
      SELECT array_agg(${text}::text ~ p.pattern ORDER BY p.i) AS hits FROM unnest(${patterns}::text[]) WITH ORDINALITY AS p(pattern, i)`;
    const expected = probeYears.map((y) => years.some((x) => x >= y));
    expect(row!.hits).toEqual(expected);
    expect(patterns.map((pattern) => new RegExp(pattern).test(text))).toEqual(expected);
  });

  it.each(['000_f9d22c9b16a877c9.txt', '001_09de7306f3693664.txt', '002_61664b8a0a0df384.txt', '003_91985a4ab1a3ef30.txt', '004_e9231330f69d2e16.txt'])(
    'whole sample page %s',
    async (name) => {
      const text = new TextDecoder().decode((await samplePage(name)).bytes);
      expect(await sqlYears(text)).toEqual(extractPolicyYears(text));
    },
  );
});

// Published texts state (title + body): 000 → 2020, 2021; 001 → 2025; 002 → 2024; 003 → none.
const pages = {
  y2021: '000_f9d22c9b16a877c9.txt',
  y2025: '001_09de7306f3693664.txt',
  y2024: '002_61664b8a0a0df384.txt',
  none: '003_91985a4ab1a3ef30.txt',
  draft: '004_e9231330f69d2e16.txt',
};
const ids: Record<keyof typeof pages, string> = { y2021: '', y2025: '', y2024: '', none: '', draft: '' };
let editor: CurrentUser;

async function edit(articleId: string, title: string) {
  const a = await db.article.findUniqueOrThrow({ where: { id: articleId } });
  return saveArticle(editor, {
    id: a.id,
    version: a.version,
    title,
    slug: a.slug,
    summary: a.summary,
    disclaimer: a.disclaimer,
    contentDate: a.contentDate ? toIsoDate(a.contentDate) : '',
    body: a.body,
    regions: [],
    recommendations: [],
  });
}

describe('listStaleArticles', () => {
  beforeAll(async () => {
    await resetDatabase();
    editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    for (const key of Object.keys(pages) as (keyof typeof pages)[]) {
      const { articleId, version } = await importSample(pages[key], editor.id);
      ids[key] = articleId;
      if (key === 'draft') continue;
      await submitForReview({ actor: editor, articleId, version });
      await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '' });
      await publishArticle({ actor: editor, articleId, version });
    }
    // Not live: a draft's old years do not count.
    await edit(ids.draft, '2019年医保380元一次没用了');
    // The working copy says 2025 now, but the live page still states 2024 until it is published.
    await edit(ids.y2024, '如何在居住地购买城乡居民医疗保险(2025年度)');
  });
  afterAll(() => db.$disconnect());

  it('lists live articles whose newest policy year is before the current year, newest stale first', async () => {
    const result = await listStaleArticles({ currentYear: 2025 });
    expect(result.total).toBe(2);
    expect(result.rows.map((r) => [r.id, r.years, r.newestYear])).toEqual([
      [ids.y2024, [2024], 2024],
      [ids.y2021, [2020, 2021], 2021],
    ]);
    expect(result.rows[0]).toMatchObject({ title: '如何在居住地购买城乡居民医疗保险', status: 'DRAFT', publishedVersion: 1 });
    expect(result.rows[1]).toMatchObject({ title: '居民医保只能一年一交吗', status: 'PUBLISHED' });
  });

  it('follows the current year', async () => {
    expect((await listStaleArticles({ currentYear: 2026 })).rows.map((r) => r.id)).toEqual([ids.y2025, ids.y2024, ids.y2021]);
    expect((await listStaleArticles({ currentYear: 2021 })).total).toBe(0);
  });

  it('pages', async () => {
    const second = await listStaleArticles({ currentYear: 2026, page: 2, size: 2 });
    expect(second.total).toBe(3);
    expect(second.rows.map((r) => r.id)).toEqual([ids.y2021]);
    // Past the last page: no rows, and still the total.
    expect(await listStaleArticles({ currentYear: 2026, page: 3, size: 2 })).toMatchObject({ total: 3, rows: [] });
  });

  it('agrees with the years the public page shows', async () => {
    for (const row of (await listStaleArticles({ currentYear: 2026 })).rows) {
      expect((await readPublishedArticle(row.slug))?.policyYears).toEqual(row.years);
    }
  });
});
