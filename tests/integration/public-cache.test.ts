import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { saveArticle } from '@/lib/articles/save-article';
import type { CurrentUser } from '@/lib/auth/session-types';
import { db } from '@/lib/db/client';
import { publicTags } from '@/lib/public-cache/cache-tags';
import { readChangesAfter, recordTags } from '@/lib/public-cache/change-feed';
import { startFeedConsumer } from '@/lib/public-cache/feed-consumer';
import { readSlugRedirect } from '@/lib/public/read-published';
import { publishArticle, reviewArticle, submitForReview, unpublishArticle } from '@/lib/workflow/workflow';
import { editInput, importSample, makeUser, resetDatabase } from './helpers';

let editor: CurrentUser;
let reviewer: CurrentUser;

beforeEach(async () => {
  await resetDatabase();
  editor = await makeUser('EDITOR');
  reviewer = await makeUser('REVIEWER');
});
afterAll(() => db.$disconnect());

/** Edits the working copy with `changes`, then takes it through review to the live page. */
async function publishWith(articleId: string, changes: Parameters<typeof editInput>[1] = {}) {
  const { version } = await saveArticle(editor, await editInput(articleId, changes));
  await submitForReview({ actor: editor, articleId, version });
  await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '' });
  return publishArticle({ actor: editor, articleId, version });
}

const feed = async () => (await readChangesAfter(db, 0n)).map((c) => c.tags);

describe('the public change feed', () => {
  it('records each publish and unpublish, in its transaction, with exactly the tags it expires', async () => {
    const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    expect(await feed()).toEqual([]); // an import writes a draft: nothing public changed
    const published = await publishWith(articleId, { regions: [{ code: '440106', origin: 'MANUAL' }] });
    expect(await feed()).toEqual([published.publicTags]);
    for (const tag of [
      publicTags.article(articleId),
      publicTags.home,
      publicTags.region('440000'),
      publicTags.region('440100'),
      publicTags.region('440106'),
      publicTags.slug(published.slug),
    ]) {
      expect(published.publicTags).toContain(tag);
    }
    const { version } = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    const unpublished = await unpublishArticle({ actor: editor, articleId, version });
    expect(await feed()).toEqual([published.publicTags, unpublished.publicTags]);
    expect(unpublished.publicTags).toContain(publicTags.article(articleId));
  });

  it('saving the working copy of a live article changes nothing public', async () => {
    const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    await publishWith(articleId);
    const before = await feed();
    await saveArticle(editor, await editInput(articleId, { title: '只改了草稿' }));
    expect(await feed()).toEqual(before);
  });

  it('a failed publish records nothing', async () => {
    const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    const { version } = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    await expect(publishArticle({ actor: editor, articleId, version })).rejects.toMatchObject({ code: 'INVALID' });
    expect(await feed()).toEqual([]);
  });
});

describe('slug history', () => {
  it('an old address leads to the current live page through further renames, and a live slug is never a redirect', async () => {
    const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    const first = await publishWith(articleId);
    await publishWith(articleId, { slug: 'renamed-once' });
    const last = await publishWith(articleId, { slug: 'renamed-twice' });
    expect(last.publicTags).toEqual(expect.arrayContaining([publicTags.slug('renamed-once'), publicTags.slug('renamed-twice'), publicTags.linksTo(articleId)]));
    expect(await readSlugRedirect(first.slug)).toEqual({ articleId, slug: 'renamed-twice' });
    expect(await readSlugRedirect('renamed-once')).toEqual({ articleId, slug: 'renamed-twice' });
    expect(await readSlugRedirect('renamed-twice')).toBeNull();

    // Going back to the first slug makes it live again, not a redirect.
    await publishWith(articleId, { slug: first.slug });
    expect(await readSlugRedirect(first.slug)).toBeNull();
    expect(await readSlugRedirect('renamed-twice')).toEqual({ articleId, slug: first.slug });
  });

  it('an old address of an article that is no longer live leads nowhere', async () => {
    const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    const first = await publishWith(articleId);
    await publishWith(articleId, { slug: 'renamed-once' });
    const { version } = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    await unpublishArticle({ actor: editor, articleId, version });
    expect(await readSlugRedirect(first.slug)).toBeNull();
  });
});

describe('reading the feed in a server', () => {
  it('hands every new change’s tags to the server once, in order, and goes on after a failure', async () => {
    const received: string[][] = [];
    let failOnce = true;
    const consumer = startFeedConsumer(
      db,
      async (tags) => {
        if (failOnce) {
          failOnce = false;
          throw new Error('server not listening yet');
        }
        received.push(tags);
      },
      20,
    );
    try {
      await db.$transaction((tx) => recordTags(tx, ['public:home', 'public:article:x']));
      await expect.poll(() => received.length).toBe(1);
      await db.$transaction((tx) => recordTags(tx, ['public:months']));
      await expect.poll(() => received.length).toBe(2);
      expect(received).toEqual([['public:home', 'public:article:x'], ['public:months']]);

      // The database is emptied (ids start over): what is written next still arrives.
      await resetDatabase();
      await db.$transaction((tx) => recordTags(tx, ['public:regions']));
      await expect.poll(() => received.length).toBe(3);
      expect(received[2]).toEqual(['public:regions']);
    } finally {
      await consumer.stop();
    }
  });
});
