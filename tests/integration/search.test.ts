import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listArticles } from '@/lib/articles/queries';
import { articleListQuerySchema } from '@/lib/articles/list-query';
import { saveArticle } from '@/lib/articles/save-article';
import type { CurrentUser } from '@/lib/auth/session-types';
import { db } from '@/lib/db/client';
import { importPages } from '@/lib/import/import-pages';
import { parseQuery } from '@/lib/search/parse-query';
import { searchPublished } from '@/lib/search/search-published';
import { deleteSynonymGroup, readSynonymIndex, saveSynonymGroup, synonymGroupInputSchema } from '@/lib/search/synonyms';
import { publishArticle, reviewArticle, submitForReview, unpublishArticle } from '@/lib/workflow/workflow';
import fixture from '../fixtures/search/pages.json';
import pairs from '../fixtures/search/pairs.json';
import { editInput, makeUser, resetDatabase, samplePage, samplePagesDir } from './helpers';

// Search against the real database: the sample pages and the fixture pages are imported and
// published through the real workflow, then searched as the public page and the admin table do.

let editor: CurrentUser;
let reviewer: CurrentUser;
let admin: CurrentUser;
/** Fixture key (s000…, g01…) → article id. */
const ids = new Map<string, string>();

function pageText(title: string, body: string[]): string {
  return [title, '', ...body, '', '提示:本内容不能代替面诊,如有不适请尽快就医。', ''].join('\n');
}

async function publish(articleId: string) {
  const { version } = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { version: true } });
  await submitForReview({ actor: editor, articleId, version });
  await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '' });
  await publishArticle({ actor: editor, articleId, version });
}

async function search(q: string, page = 1) {
  const parsed = parseQuery(q, await readSynonymIndex(db));
  if (!parsed) return { total: 0, hits: [] as { id: string; title: string; titleMatch: boolean; snippet: { text: string; mark: boolean }[] }[] };
  return searchPublished(db, parsed, page);
}

async function adminSearch(q: string) {
  return listArticles(articleListQuerySchema.parse({ q }));
}

const keyOf = (id: string) => [...ids].find(([, v]) => v === id)?.[0];

beforeAll(async () => {
  await resetDatabase();
  editor = await makeUser('EDITOR');
  reviewer = await makeUser('REVIEWER');
  admin = await makeUser('ADMIN');
  const samples = (await readdir(samplePagesDir)).filter((n) => n.endsWith('.txt')).sort();
  const files = [
    ...(await Promise.all(samples.map(samplePage))),
    ...fixture.pages.map((p) => ({ name: `${p.key}.txt`, bytes: new TextEncoder().encode(pageText(p.title, p.body)) })),
  ];
  const report = await importPages(db, { actorId: editor.id, source: 'upload', files });
  report.files.forEach((f, i) => {
    expect(f.articleId, f.file).toBeTruthy();
    ids.set(i < samples.length ? `s${samples[i].slice(0, 3)}` : fixture.pages[i - samples.length].key, f.articleId!);
  });
  for (const id of ids.values()) await publish(id);
}, 180_000);

afterAll(async () => {
  await db.$disconnect();
});

describe('held-out query → article pairs', () => {
  it(`finds the expected article for each of the ${pairs.pairs.length} queries`, async () => {
    expect(pairs.pairs.length).toBeGreaterThanOrEqual(50);
    const misses: string[] = [];
    for (const pair of pairs.pairs) {
      const { hits } = await search(pair.q);
      const keys = hits.map((h) => keyOf(h.id));
      if ('top' in pair && keys[0] !== pair.top) misses.push(`${pair.q}: expected ${pair.top} first, got ${keys.slice(0, 3).join(',')}`);
      if ('in' in pair && !keys.includes(pair.in)) misses.push(`${pair.q}: expected ${pair.in} among ${keys.join(',')}`);
    }
    expect(misses).toEqual([]);
  });
});

describe('public search', () => {
  it('finds one- and two-character queries anywhere in the text', async () => {
    const one = await search('药');
    expect(one.hits.map((h) => keyOf(h.id))).toEqual(expect.arrayContaining(['g16', 'g20', 's003']));
    const two = await search('断缴');
    expect(two.hits.map((h) => keyOf(h.id))).toEqual(expect.arrayContaining(['s001', 's004', 'g12']));
    // Every result really holds the query (no false positives from the n-grams).
    for (const hit of two.hits) expect(hit.snippet.some((s) => s.mark && s.text === '断缴')).toBe(true);
  });

  it('puts title matches before body-only matches', async () => {
    const { hits } = await search('断缴');
    const firstBodyOnly = hits.findIndex((h) => !h.titleMatch);
    expect(hits[0].titleMatch).toBe(true);
    expect(keyOf(hits[0].id)).toBe('g12');
    expect(hits.slice(firstBodyOnly).every((h) => !h.titleMatch)).toBe(true);
  });

  it('requires every term and matches nothing for hostile or empty input', async () => {
    expect((await search('糖尿病 生育')).total).toBe(0);
    for (const q of ["' & | ! ( ) : * <->", "医保' | '药 & !", '(((', '\\']) await expect(search(q)).resolves.toBeDefined();
    expect((await search("' & | ! ( ) : * <->")).total).toBe(0);
  });

  it('highlights matches in an escaped-by-construction snippet', async () => {
    const { hits } = await search('年终结清制');
    expect(keyOf(hits[0].id)).toBe('s004');
    expect(hits[0].snippet.filter((s) => s.mark).map((s) => s.text)).toContain('年终结清制');
  });

  it('expands synonyms, and a change of the groups applies at once', async () => {
    // 跨省就医 is only written in g18's body; 异地就医 in g03's title.
    expect((await search('跨省就医')).hits.map((h) => keyOf(h.id))).not.toContain('g03');
    const group = await saveSynonymGroup(db, admin, synonymGroupInputSchema.parse({ terms: '异地就医、跨省就医' }));
    const keys = (await search('跨省就医')).hits.map((h) => keyOf(h.id));
    expect(keys).toEqual(expect.arrayContaining(['g03', 'g18']));
    expect((await adminSearch('跨省就医')).rows.map((r) => keyOf(r.id))).toEqual(expect.arrayContaining(['g03', 'g18']));
    await deleteSynonymGroup(db, admin, group.id);
    expect((await search('跨省就医')).hits.map((h) => keyOf(h.id))).not.toContain('g03');
    const audits = await db.auditEvent.findMany({ where: { entityType: 'SynonymGroup' }, select: { action: true } });
    expect(audits.map((a) => a.action).sort()).toEqual(['synonyms.create', 'synonyms.delete']);
  });

  it('never finds a draft, nor the working copy of a live article; the admin search does', async () => {
    const report = await importPages(db, {
      actorId: editor.id,
      source: 'upload',
      files: [{ name: 'draft.txt', bytes: new TextEncoder().encode(pageText('草稿里的独有词语鸿雁', ['这篇草稿提到了鸿雁计划。'])) }],
    });
    const draftId = report.files[0].articleId!;
    expect((await search('鸿雁')).total).toBe(0);
    expect((await adminSearch('鸿雁')).rows.map((r) => r.id)).toEqual([draftId]);

    // Edit the live g05 (not published again): the public search keeps the live text.
    const liveId = ids.get('g05')!;
    await saveArticle(editor, await editInput(liveId, { title: '2025年杭州生育保险报销条件（修订中）', summary: '新增的摘要提到了孔雀' }));
    expect((await search('孔雀')).total).toBe(0);
    expect((await search('生育津贴')).hits.map((h) => h.id)).toContain(liveId);
    expect((await adminSearch('孔雀')).rows.map((r) => r.id)).toEqual([liveId]);
    // Publishing the new version makes it public.
    await publish(liveId);
    expect((await search('孔雀')).hits.map((h) => h.id)).toEqual([liveId]);
  });

  it('unpublishing removes an article from public search at once', async () => {
    const id = ids.get('g14')!;
    expect((await search('失能')).hits.map((h) => h.id)).toContain(id);
    const { version } = await db.article.findUniqueOrThrow({ where: { id }, select: { version: true } });
    await unpublishArticle({ actor: editor, articleId: id, version });
    expect((await search('失能')).total).toBe(0);
    expect(await db.publishedArticleSearch.count({ where: { articleId: id } })).toBe(0);
    expect((await adminSearch('失能')).rows.map((r) => r.id)).toEqual([id]);
  });

  it("keeps the admin table's slug match and its own order", async () => {
    const { slug } = await db.article.findUniqueOrThrow({ where: { id: ids.get('g20')! }, select: { slug: true } });
    expect((await adminSearch(slug)).rows.map((r) => r.id)).toEqual([ids.get('g20')]);
    const rows = (await adminSearch('医保')).rows;
    const updated = rows.map((r) => r.updatedAt);
    expect(updated).toEqual([...updated].sort().reverse());
  });

  it('takes the date-index path with an estimated total for very common terms, with the same order', async () => {
    const parsed = parseQuery('医保', await readSynonymIndex(db))!;
    const exact = await searchPublished(db, parsed, 1);
    const estimated = await searchPublished(db, parsed, 1, { hugeAbove: 0 });
    expect(exact.totalIsEstimate).toBe(false);
    expect(estimated.totalIsEstimate).toBe(true);
    expect(estimated.total).toBeGreaterThan(0);
    // Fewer live articles than candidates: both paths rank the same set.
    expect(estimated.hits.map((h) => h.id)).toEqual(exact.hits.map((h) => h.id));
  });

  it('pages by 20 with an exact total', async () => {
    const first = await search('医保');
    expect(first.total).toBeGreaterThan(5);
    expect(first.hits.length).toBe(Math.min(20, first.total));
    expect(new Set(first.hits.map((h) => h.id)).size).toBe(first.hits.length);
  });
});
