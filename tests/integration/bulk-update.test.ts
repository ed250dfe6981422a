import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { bulkUpdateArticles } from '@/lib/articles/bulk-update';
import { articleListQuerySchema } from '@/lib/articles/list-query';
import { listArticles } from '@/lib/articles/queries';
import { toIsoDate } from '@/lib/dates';
import { db } from '@/lib/db/client';
import { makeArticle } from './article-fixtures';
import { importSample, makeUser, resetDatabase } from './helpers';

beforeEach(resetDatabase);
afterAll(() => db.$disconnect());

async function state(id: string) {
  return db.article.findUniqueOrThrow({
    where: { id },
    select: {
      version: true,
      status: true,
      contentDate: true,
      rejectedRegionCodes: true,
      updatedById: true,
      regions: { select: { regionCode: true, provinceCode: true, cityCode: true, origin: true } },
    },
  });
}

async function latestRevision(articleId: string) {
  return db.revision.findFirstOrThrow({ where: { articleId }, orderBy: { articleVersion: 'desc' } });
}

describe('bulkUpdateArticles', () => {
  it('adds a region as a manual tag to each article as an edit: new version, revision, audit row, status after edit', async () => {
    const editor = await makeUser('EDITOR');
    const published = await makeArticle(editor, { title: '已发布的文章', status: 'PUBLISHED', rejectedRegionCodes: ['440100', '110000'] });
    const changes = await makeArticle(editor, { title: '需修改的文章', status: 'CHANGES_REQUESTED' });
    const before = await Promise.all([state(published), state(changes)]);

    const result = await bulkUpdateArticles(editor, { articleIds: [published, changes], change: { kind: 'addRegion', regionCode: '440100' } }, '192.0.2.7');
    expect(result).toEqual({ changed: 2, unchanged: 0, skipped: 0 });

    const [p, c] = await Promise.all([state(published), state(changes)]);
    expect(p.version).toBe(before[0].version + 1);
    expect(c.version).toBe(before[1].version + 1);
    // An edit of a published article needs a new review; changes requested stays so.
    expect(p.status).toBe('DRAFT');
    expect(c.status).toBe('CHANGES_REQUESTED');
    expect(p.updatedById).toBe(editor.id);
    expect(p.regions).toEqual([{ regionCode: '440100', provinceCode: '440000', cityCode: '440100', origin: 'MANUAL' }]);
    // Tagging by hand takes the region off the rejected suggestions, and nothing else.
    expect(p.rejectedRegionCodes).toEqual(['110000']);

    for (const [id, s] of [
      [published, p],
      [changes, c],
    ] as const) {
      const revision = await latestRevision(id);
      expect(revision.articleVersion).toBe(s.version);
      expect(revision.regions).toEqual([{ code: '440100', origin: 'MANUAL', confidence: 1 }]);
      expect(revision.note).toBe('批量添加地区');
      expect(revision.authorId).toBe(editor.id);
    }
    const audits = await db.auditEvent.findMany({ where: { action: 'article.bulk-edit' }, orderBy: { entityId: 'asc' } });
    expect(audits.map((a) => a.entityId).sort()).toEqual([published, changes].sort());
    expect(audits.every((a) => a.actorId === editor.id && a.ip === '192.0.2.7')).toBe(true);
    expect(audits.find((a) => a.entityId === published)?.summary).toMatchObject({
      from: 'PUBLISHED',
      to: 'DRAFT',
      version: p.version,
      change: { kind: 'addRegion', regionCode: '440100' },
    });

    // The province filter of the table now finds both (广州市 rolls up to 广东省).
    const listed = await listArticles(articleListQuerySchema.parse({ region: '440000' }));
    expect(listed.rows.map((r) => r.id).sort()).toEqual([published, changes].sort());
    expect(listed.rows[0].regions).toEqual(['广州市']);
  });

  it('leaves articles already as asked alone and confirms a suggestion', async () => {
    const editor = await makeUser('EDITOR');
    const manual = await makeArticle(editor, { title: '已手动标注', regions: ['440100'] });
    const suggested = await makeArticle(editor, { title: '系统建议', regions: [{ code: '440100', origin: 'AUTO' }] });
    const before = await state(manual);
    const result = await bulkUpdateArticles(editor, { articleIds: [manual, suggested], change: { kind: 'addRegion', regionCode: '440100' } });
    expect(result).toEqual({ changed: 1, unchanged: 1, skipped: 0 });
    expect((await state(manual)).version).toBe(before.version);
    expect(await db.revision.count({ where: { articleId: manual } })).toBe(1);
    const confirmed = await state(suggested);
    expect(confirmed.regions).toEqual([{ regionCode: '440100', provinceCode: '440000', cityCode: '440100', origin: 'MANUAL' }]);
    expect(confirmed.version).toBe(2);
  });

  it('removes a region tag of any origin and only from articles that have it', async () => {
    const editor = await makeUser('EDITOR');
    const auto = await makeArticle(editor, { title: '自动标注', regions: [{ code: '440106', origin: 'AUTO' }, '110101'] });
    const manual = await makeArticle(editor, { title: '手动标注', regions: ['440106'] });
    const untagged = await makeArticle(editor, { title: '未标注' });
    const result = await bulkUpdateArticles(editor, { articleIds: [auto, manual, untagged], change: { kind: 'removeRegion', regionCode: '440106' } });
    expect(result).toEqual({ changed: 2, unchanged: 1, skipped: 0 });
    expect((await state(auto)).regions.map((r) => r.regionCode)).toEqual(['110101']);
    expect((await state(manual)).regions).toEqual([]);
    expect((await state(untagged)).version).toBe(1);
    expect((await latestRevision(auto)).regions).toEqual([{ code: '110101', origin: 'MANUAL', confidence: 1 }]);
    expect((await latestRevision(manual)).note).toBe('批量移除地区');
    const listed = await listArticles(articleListQuerySchema.parse({ region: '440000' }));
    expect(listed.total).toBe(0);
  });

  it('sets the content date, skipping articles in the trash', async () => {
    const editor = await makeUser('EDITOR');
    const { articleId: imported } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    const fresh = await makeArticle(editor, { title: '没有日期' });
    const trashed = await makeArticle(editor, { title: '回收站里的文章', deleted: true });
    const before = await state(imported);

    const result = await bulkUpdateArticles(editor, {
      articleIds: [imported, fresh, trashed, 'no-such-article'],
      change: { kind: 'setContentDate', contentDate: '2025-04-30' },
    });
    expect(result).toEqual({ changed: 2, unchanged: 0, skipped: 2 });
    const after = await state(imported);
    expect(toIsoDate(after.contentDate!)).toBe('2025-04-30');
    expect(after.version).toBe(before.version + 1);
    // The revision carries the whole article, recommendation list included.
    const revision = await latestRevision(imported);
    expect(revision.contentDate && toIsoDate(revision.contentDate)).toBe('2025-04-30');
    expect((revision.recommendations as unknown[]).length).toBe(20);
    const untouched = await state(trashed);
    expect(untouched.version).toBe(1);
    expect(untouched.contentDate).toBeNull();
    expect(await db.auditEvent.count({ where: { action: 'article.bulk-edit', entityId: trashed } })).toBe(0);

    // The date range of the table is inclusive: the last day of the month is in it.
    const listed = await listArticles(articleListQuerySchema.parse({ from: '2025-04-01', to: '2025-04-30' }));
    expect(listed.rows.map((r) => r.id).sort()).toEqual([imported, fresh].sort());

    // Setting the same date again changes nothing.
    expect(await bulkUpdateArticles(editor, { articleIds: [imported, fresh], change: { kind: 'setContentDate', contentDate: '2025-04-30' } })).toEqual({
      changed: 0,
      unchanged: 2,
      skipped: 0,
    });
  });

  it('refuses a reviewer and changes nothing', async () => {
    const editor = await makeUser('EDITOR');
    const reviewer = await makeUser('REVIEWER');
    const id = await makeArticle(editor, { title: '审核员不能批量编辑' });
    await expect(bulkUpdateArticles(reviewer, { articleIds: [id], change: { kind: 'addRegion', regionCode: '440100' } })).rejects.toMatchObject({
      name: 'AppError',
      code: 'FORBIDDEN',
    });
    const after = await state(id);
    expect(after.version).toBe(1);
    expect(after.regions).toEqual([]);
  });

  it('rejects an unknown region and more than 200 articles', async () => {
    const editor = await makeUser('EDITOR');
    const id = await makeArticle(editor, { title: '地区不存在' });
    await expect(bulkUpdateArticles(editor, { articleIds: [id], change: { kind: 'addRegion', regionCode: '999999' } })).rejects.toMatchObject({
      code: 'INVALID',
    });
    const ids = Array.from({ length: 201 }, (_, i) => `id-${i}`);
    await expect(bulkUpdateArticles(editor, { articleIds: ids, change: { kind: 'removeRegion', regionCode: '440100' } })).rejects.toMatchObject({
      code: 'INVALID',
    });
    expect((await state(id)).version).toBe(1);
  });

  it('rolls the whole batch back when one write fails', async () => {
    const editor = await makeUser('EDITOR');
    const a = await makeArticle(editor, { title: '甲' });
    const b = await makeArticle(editor, { title: '乙' });
    // A revision already holding b's next version makes the revision insert fail.
    await db.revision.create({
      data: {
        articleId: b,
        articleVersion: 2,
        title: '乙',
        slug: 'x',
        summary: '',
        body: {},
        plainText: '',
        disclaimer: '',
        category: '',
        regions: [],
        recommendations: [],
      },
    });
    await expect(bulkUpdateArticles(editor, { articleIds: [a, b], change: { kind: 'setContentDate', contentDate: '2025-01-01' } })).rejects.toThrow();
    expect((await state(a)).version).toBe(1);
    expect((await state(a)).contentDate).toBeNull();
    expect(await db.auditEvent.count({ where: { action: 'article.bulk-edit' } })).toBe(0);
  });
});
