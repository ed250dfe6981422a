import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createSavedView, deleteSavedView, listSavedViews } from '@/lib/articles/saved-views';
import { db } from '@/lib/db/client';
import { importSample, makeUser, resetDatabase } from './helpers';

// Saved views of the article table (lib/articles/saved-views.ts).
beforeEach(resetDatabase);
afterAll(() => db.$disconnect());

describe('saved views', () => {
  it("keeps a person's views to themselves, shows shared ones to all, each with its count", async () => {
    const editor = await makeUser('EDITOR');
    const other = await makeUser('EDITOR');
    const admin = await makeUser('ADMIN');
    await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    await importSample('002_61664b8a0a0df384.txt', editor.id);

    // The page number and anything the table does not know are not kept.
    await createSavedView(db, editor, { name: '我的草稿', query: 'status=DRAFT&page=3&bogus=1&sort=title&dir=asc', shared: false });
    await createSavedView(db, admin, { name: '全部已发布', query: 'status=PUBLISHED', shared: true });
    await expect(createSavedView(db, editor, { name: '想共享', query: '', shared: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createSavedView(db, editor, { name: '我的草稿', query: '', shared: false })).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('我的草稿'),
    });

    const mine = await listSavedViews(db, editor);
    expect(mine.map((v) => [v.name, v.href, v.count, v.shared, v.mine])).toEqual([
      ['全部已发布', '/admin/articles?status=PUBLISHED', 0, true, false],
      ['我的草稿', '/admin/articles?status=DRAFT&sort=title&dir=asc', 2, false, true],
    ]);
    expect((await listSavedViews(db, other)).map((v) => v.name)).toEqual(['全部已发布']);

    // Only the owner deletes a view; an admin may delete a shared one.
    const draftView = mine.find((v) => v.name === '我的草稿')!;
    const shared = mine.find((v) => v.shared)!;
    await expect(deleteSavedView(db, other, draftView.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(deleteSavedView(db, editor, shared.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await deleteSavedView(db, editor, draftView.id);
    await deleteSavedView(db, admin, shared.id);
    expect(await db.savedView.count()).toBe(0);
  });

  it('keeps a keyword without control characters, and lists a stored keyword past 100 characters', async () => {
    const editor = await makeUser('EDITOR');
    await createSavedView(db, editor, { name: '视图 一', query: 'q=%00%E5%8C%BB%E4%BF%9D%00&status=DRAFT', shared: false });
    expect((await db.savedView.findFirstOrThrow()).query).toBe(`q=${encodeURIComponent('医保')}&status=DRAFT`);
    // A view kept before the keyword was cut: the table's list of views reads it, cut.
    await db.savedView.create({ data: { name: '长关键词', query: `q=${'x'.repeat(150)}`, ownerId: editor.id } });
    expect((await listSavedViews(db, editor)).map((v) => [v.name, v.count])).toEqual([
      ['视图 一', 0],
      ['长关键词', 0],
    ]);
  });
});
