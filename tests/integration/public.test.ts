import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { saveArticle } from '@/lib/articles/save-article';
import type { CurrentUser } from '@/lib/auth/session-types';
import { toIsoDate } from '@/lib/dates';
import { db } from '@/lib/db/client';
import { importPages } from '@/lib/import/import-pages';
import {
  readLatestArticles,
  readMonthPage,
  readMonthsWithCounts,
  readProvincesWithCounts,
  readPublishedArticle,
  readRegionPage,
} from '@/lib/public/read-published';
import { publishArticle, reviewArticle, submitForReview, unpublishArticle } from '@/lib/workflow/workflow';
import { editInput, importSample, makeUser, resetDatabase, samplePage } from './helpers';

// One sample page per workflow stage (content dates: 2025-04-17, 04-16, 03-22, 04-13, 04-23).
const pages = {
  draft: '000_f9d22c9b16a877c9.txt', // 居民医保只能一年一交吗
  inReview: '001_09de7306f3693664.txt', // 居民医保不能断吗
  approved: '002_61664b8a0a0df384.txt', // 如何在居住地购买城乡居民医疗保险
  unpublished: '003_91985a4ab1a3ef30.txt', // 停了居民医保当月就不能用了吗
  published: '004_e9231330f69d2e16.txt', // 医保380元一次没用了
};
const region = { province: '440000', city: '440100', county: '440106' };

let editor: CurrentUser;
let reviewer: CurrentUser;

async function tagAndSave(articleId: string, regionCodes: string[]) {
  const saved = await saveArticle(editor, await editInput(articleId, { regions: regionCodes.map((code) => ({ code, origin: 'MANUAL' as const })) }));
  return saved.version;
}

/** Imports a sample, tags it with 天河区 and moves it to `stage`. */
async function articleAt(name: string, stage: 'DRAFT' | 'IN_REVIEW' | 'APPROVED' | 'PUBLISHED' | 'UNPUBLISHED') {
  const { articleId } = await importSample(name, editor.id);
  const version = await tagAndSave(articleId, [region.county]);
  const a = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { slug: true, title: true, contentDate: true } });
  const info = { articleId, version, slug: a.slug, title: a.title, month: toIsoDate(a.contentDate!).slice(0, 7) };
  if (stage === 'DRAFT') return info;
  await submitForReview({ actor: editor, articleId, version });
  if (stage === 'IN_REVIEW') return info;
  await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '' });
  if (stage === 'APPROVED') return info;
  await publishArticle({ actor: editor, articleId, version });
  if (stage === 'PUBLISHED') return info;
  await unpublishArticle({ actor: editor, articleId, version });
  return info;
}

async function publish(articleId: string) {
  const { version } = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { version: true } });
  await submitForReview({ actor: editor, articleId, version });
  await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '' });
  await publishArticle({ actor: editor, articleId, version });
}

/** Everything a reader can reach, as slugs per path. */
async function visible(slugs: string[], months: string[]) {
  const bySlug = (await Promise.all(slugs.map(async (s) => ((await readPublishedArticle(s)) ? s : null)))).filter(Boolean);
  const latest = (await readLatestArticles(1)).items.map((i) => i.slug);
  const byRegion = Object.fromEntries(
    await Promise.all(Object.entries(region).map(async ([level, code]) => [level, (await readRegionPage(code, 1))!.items.map((i) => i.slug)])),
  );
  const byMonth = Object.fromEntries(await Promise.all(months.map(async (m) => [m, (await readMonthPage(m, 1)).items.map((i) => i.slug)])));
  return { bySlug, latest, byRegion, byMonth };
}

beforeEach(async () => {
  await resetDatabase();
  editor = await makeUser('EDITOR');
  reviewer = await makeUser('REVIEWER');
});
afterAll(() => db.$disconnect());

describe('public visibility', () => {
  it('shows only the published article on every path', async () => {
    const draft = await articleAt(pages.draft, 'DRAFT');
    const inReview = await articleAt(pages.inReview, 'IN_REVIEW');
    const approved = await articleAt(pages.approved, 'APPROVED');
    const unpublished = await articleAt(pages.unpublished, 'UNPUBLISHED');
    const published = await articleAt(pages.published, 'PUBLISHED');
    const all = [draft, inReview, approved, unpublished, published];
    const months = [...new Set(all.map((a) => a.month))];
    // Every hidden article shares a region (and some a month) with the published one.
    expect(await db.articleRegion.count({ where: { regionCode: region.county } })).toBe(5);

    const seen = await visible(
      all.map((a) => a.slug),
      months,
    );
    expect(seen.bySlug).toEqual([published.slug]);
    expect(seen.latest).toEqual([published.slug]);
    expect(seen.byRegion).toEqual({ province: [published.slug], city: [published.slug], county: [published.slug] });
    for (const month of months) expect(seen.byMonth[month]).toEqual(month === published.month ? [published.slug] : []);

    expect(await readMonthsWithCounts()).toEqual([{ month: published.month, count: 1 }]);
    expect(await readProvincesWithCounts()).toEqual([{ code: region.province, name: '广东省', count: 1 }]);
    const province = await readRegionPage(region.province, 1);
    expect(province).toMatchObject({ total: 1, children: [{ code: region.city, name: '广州市', count: 1 }] });
  });

  it('returns the published article with its live fields', async () => {
    const published = await articleAt(pages.published, 'PUBLISHED');
    const article = await readPublishedArticle(published.slug);
    expect(article).toMatchObject({
      title: '医保380元一次没用了',
      slug: published.slug,
      disclaimer: '提示：本内容不能代替面诊，如有不适请尽快就医。',
      regions: [{ code: region.county, name: '天河区' }],
    });
    expect(article!.contentDate).toBe('2025-04-23');
    expect(article!.publishedAt).not.toBeNull();
    expect(article!.recommendations).toHaveLength(20);
    expect(article!.recommendations.every((r) => r.href === null)).toBe(true);
  });

  it('counts an article once per region however many of its tags fall under it', async () => {
    const { articleId } = await importSample(pages.published, editor.id);
    // 广州市 and 深圳市 are both in 广东省; 天河区 is in 广州市.
    await tagAndSave(articleId, ['440100', '440300', region.county]);
    await publish(articleId);
    expect(await readProvincesWithCounts()).toEqual([{ code: region.province, name: '广东省', count: 1 }]);
    const province = await readRegionPage(region.province, 1);
    expect(province).toMatchObject({ total: 1, items: [expect.objectContaining({ title: '医保380元一次没用了' })] });
    expect(province!.children).toEqual([
      { code: '440100', name: '广州市', count: 1 },
      { code: '440300', name: '深圳市', count: 1 },
    ]);
    expect((await readRegionPage(region.city, 1))!.children).toEqual([{ code: region.county, name: '天河区', count: 1 }]);
  });

  it('lists the counties of a municipality as its children, and the province and city of a county as its breadcrumbs', async () => {
    const { articleId } = await importSample(pages.published, editor.id);
    // 朝阳区 lies directly under 北京市 (no city level); 天河区 under 广州市 under 广东省.
    await tagAndSave(articleId, ['110105', region.county]);
    await publish(articleId);
    const beijing = await readRegionPage('110000', 1);
    expect(beijing).toMatchObject({ region: { code: '110000', name: '北京市', level: 'PROVINCE' }, breadcrumbs: [], total: 1 });
    expect(beijing!.children).toEqual([{ code: '110105', name: '朝阳区', count: 1 }]);
    const county = await readRegionPage(region.county, 1);
    expect(county).toMatchObject({ total: 1, children: [] });
    expect(county!.breadcrumbs).toEqual([
      { code: region.province, name: '广东省' },
      { code: region.city, name: '广州市' },
    ]);
    expect(await readRegionPage('999999', 1)).toBeNull();
  });

  it('hides a published article once it is deleted', async () => {
    const published = await articleAt(pages.published, 'PUBLISHED');
    await db.article.update({ where: { id: published.articleId }, data: { deletedAt: new Date() } });
    const seen = await visible([published.slug], [published.month]);
    expect(seen).toEqual({ bySlug: [], latest: [], byRegion: { province: [], city: [], county: [] }, byMonth: { [published.month]: [] } });
    expect(await readMonthsWithCounts()).toEqual([]);
    expect(await readProvincesWithCounts()).toEqual([]);
  });

  it('keeps the live page when a re-import changes the working copy', async () => {
    const { articleId, version } = await importSample(pages.published, editor.id);
    await publish(articleId);
    const text = new TextDecoder()
      .decode((await samplePage(pages.published)).bytes)
      .replace('医保380元一次没用了\n', '医保380元一次没用了\n\n新增的第一段。\n');
    const report = await importPages(db, { actorId: editor.id, source: 'upload', files: [{ name: 'rescrape.txt', bytes: new TextEncoder().encode(text) }] });
    expect(report.files[0].outcome).toBe('updated');
    const a = await db.article.findUniqueOrThrow({ where: { id: articleId }, include: { publishedRevision: true } });
    expect(a).toMatchObject({ status: 'DRAFT', version: version + 1 });
    expect(a.publishedRevision?.articleVersion).toBe(version);
    expect((await readPublishedArticle(a.slug))!.summary).not.toContain('新增的第一段');
  });
});

describe('recommendation links', () => {
  async function withItemsNaming(titles: string[]) {
    const lines = new TextDecoder().decode((await samplePage(pages.draft)).bytes).split('\n');
    const header = lines.findIndex((l) => l.trim() === '相关推荐');
    titles.forEach((title, i) => {
      // Items are title, blank, summary, blank, "category date", blank.
      lines[header + 2 + i * 6] = title;
    });
    return new TextEncoder().encode(lines.join('\n'));
  }

  it('links to a published target and shows an unpublished target as a plain card', async () => {
    const liveTarget = await articleAt(pages.published, 'PUBLISHED');
    const draftTarget = await articleAt(pages.inReview, 'DRAFT');
    const report = await importPages(db, {
      actorId: editor.id,
      source: 'upload',
      files: [{ name: 'page.txt', bytes: await withItemsNaming([liveTarget.title, draftTarget.title]) }],
    });
    const articleId = report.files[0].articleId!;
    const items = await db.recommendationItem.findMany({ where: { articleId }, orderBy: { position: 'asc' }, take: 2 });
    expect(items.map((i) => i.targetArticleId)).toEqual([liveTarget.articleId, draftTarget.articleId]);
    await publish(articleId);

    const { slug } = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { slug: true } });
    const page = await readPublishedArticle(slug);
    expect(page!.recommendations[0]).toMatchObject({ title: liveTarget.title, href: `/a/${liveTarget.slug}` });
    expect(page!.recommendations[1]).toMatchObject({ title: draftTarget.title, href: null });
    expect(page!.recommendations.slice(2).every((r) => r.href === null)).toBe(true);

    // Once the target goes down, the link goes with it.
    await unpublishArticle({ actor: editor, articleId: liveTarget.articleId, version: liveTarget.version });
    expect((await readPublishedArticle(slug))!.recommendations[0].href).toBeNull();
  });

  it('links an item whose target page was imported after it, once both are published', async () => {
    const report = await importPages(db, {
      actorId: editor.id,
      source: 'upload',
      files: [{ name: 'page.txt', bytes: await withItemsNaming(['医保380元一次没用了']) }, await samplePage(pages.published)],
    });
    const [owner, target] = report.files.map((f) => f.articleId!);
    expect((await db.recommendationItem.findFirstOrThrow({ where: { articleId: owner, position: 0 } })).targetArticleId).toBe(target);
    await publish(owner);
    await publish(target);
    const { slug } = await db.article.findUniqueOrThrow({ where: { id: owner }, select: { slug: true } });
    const targetSlug = (await db.article.findUniqueOrThrow({ where: { id: target }, select: { slug: true } })).slug;
    expect((await readPublishedArticle(slug))!.recommendations[0].href).toBe(`/a/${targetSlug}`);
  });

  it('links a live page to a page it names by title as soon as that page is published', async () => {
    const [ownerResult] = (
      await importPages(db, { actorId: editor.id, source: 'upload', files: [{ name: 'page.txt', bytes: await withItemsNaming(['医保380元一次没用了']) }] })
    ).files;
    await publish(ownerResult.articleId!);
    const { slug } = await db.article.findUniqueOrThrow({ where: { id: ownerResult.articleId! }, select: { slug: true } });
    expect((await readPublishedArticle(slug))!.recommendations[0].href).toBeNull();

    const target = await articleAt(pages.published, 'APPROVED');
    expect((await readPublishedArticle(slug))!.recommendations[0].href).toBeNull();
    await publishArticle({ actor: editor, articleId: target.articleId, version: target.version });
    expect((await readPublishedArticle(slug))!.recommendations[0].href).toBe(`/a/${target.slug}`);

    await db.article.update({ where: { id: target.articleId }, data: { deletedAt: new Date() } });
    expect((await readPublishedArticle(slug))!.recommendations[0].href).toBeNull();
  });
});
