import pg from 'pg';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveArticle } from '@/lib/articles/save-article';
import type { CurrentUser } from '@/lib/auth/session-types';
import { db } from '@/lib/db/client';
import { publicTags } from '@/lib/public-cache/cache-tags';
import { readChangesAfter } from '@/lib/public-cache/change-feed';
import { loadGoneSlugSet, readGoneAmong, readGoneSlugs, slugsOfTags } from '@/lib/public-cache/gone-slugs';
import { readFeedItems } from '@/lib/public/read-seo';
import { readSlugRedirect } from '@/lib/public/read-published';
import { readSitemapFile, readSitemapIndex } from '@/lib/public/sitemap';
import { getSiteSettings, defaultSiteSettings } from '@/lib/settings/site-settings';
import { publishArticle, reviewArticle, submitForReview, unpublishArticle } from '@/lib/workflow/workflow';
import { generateArticles } from '../../scripts/lib/generate-articles';
import { editInput, importSample, makeUser, resetDatabase } from './helpers';

// The server action runs outside a request here: who is signed in is what the test says, checked
// by the real permission table; Next's cache calls are recorded.
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; role: string } }));
const expired = vi.hoisted(() => [] as string[]);
vi.mock('@/lib/auth/session', async () => {
  const { roleHas } = await import('@/lib/auth/permissions');
  const { AppError } = await import('@/lib/errors');
  return {
    authorize: async (permission: Parameters<typeof roleHas>[1]) => {
      if (!signedIn.user) throw new AppError('UNAUTHENTICATED', '请先登录');
      if (!roleHas(signedIn.user.role as never, permission)) throw new AppError('FORBIDDEN', '没有权限执行此操作');
      return signedIn.user;
    },
  };
});
vi.mock('@/lib/auth/request-ip', () => ({ requestIp: async () => '203.0.113.9' }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, updateTag: (tag: string) => expired.push(tag), revalidateTag: () => undefined }));

const { updateSiteSettingsAction } = await import('@/lib/settings/actions');

let editor: CurrentUser;
let reviewer: CurrentUser;

beforeEach(async () => {
  await resetDatabase();
  editor = await makeUser('EDITOR');
  reviewer = await makeUser('REVIEWER');
  signedIn.user = null;
  expired.length = 0;
});
afterAll(() => db.$disconnect());

async function publishWith(articleId: string, changes: Parameters<typeof editInput>[1] = {}) {
  const { version } = await saveArticle(editor, await editInput(articleId, changes));
  await submitForReview({ actor: editor, articleId, version });
  await reviewArticle({ actor: reviewer, articleId, version, decision: 'APPROVED', comment: '' });
  return publishArticle({ actor: editor, articleId, version });
}

async function unpublish(articleId: string) {
  const { version } = await db.article.findUniqueOrThrow({ where: { id: articleId } });
  return unpublishArticle({ actor: editor, articleId, version });
}

function form(values: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries({ ...defaultSiteSettings, ...values })) data.set(name, value);
  return data;
}

describe('site settings', () => {
  it('only an admin may change them; the change is audited and expires every public page through the change feed', async () => {
    const admin = await makeUser('ADMIN');
    for (const user of [null, editor, reviewer]) {
      signedIn.user = user;
      const result = await updateSiteSettingsAction(null, form({ icpNumber: '京ICP备12345678号-1' }));
      expect(result).toMatchObject({ ok: false, code: user ? 'FORBIDDEN' : 'UNAUTHENTICATED' });
    }
    expect(await db.setting.count()).toBe(0);
    expect(await readChangesAfter(db, 0n)).toEqual([]);

    signedIn.user = admin;
    const saved = await updateSiteSettingsAction(null, form({ icpNumber: '京ICP备12345678号-1', contact: 'help@baoda.cn' }));
    expect(saved).toMatchObject({ ok: true, message: '站点设置已保存' });
    expect(await getSiteSettings(db)).toEqual({ ...defaultSiteSettings, icpNumber: '京ICP备12345678号-1', contact: 'help@baoda.cn' });
    const [audit] = await db.auditEvent.findMany({ where: { action: 'settings.site.update' } });
    expect(audit).toMatchObject({ actorId: admin.id, entityType: 'Setting', entityId: 'site', ip: '203.0.113.9' });
    expect(audit.summary).toMatchObject({ before: null, after: { icpNumber: '京ICP备12345678号-1' } });
    expect((await readChangesAfter(db, 0n)).map((c) => c.tags)).toEqual([[publicTags.site]]);
    expect(expired).toEqual([publicTags.site]);
  });

  it('refuses invalid values field by field and saves nothing', async () => {
    signedIn.user = await makeUser('ADMIN');
    const result = await updateSiteSettingsAction(null, form({ siteName: '', icpNumber: '备案123', contact: '无' }));
    expect(result).toMatchObject({ ok: false, code: 'INVALID' });
    const error = (result as { error: string }).error;
    for (const message of ['请填写网站名称', 'ICP 备案号应形如', '联系方式须是电子邮箱或电话号码']) expect(error).toContain(message);
    // Each beside its own field; the fields that were fine have none.
    expect(result).toMatchObject({
      fieldErrors: { siteName: ['请填写网站名称'], icpNumber: ['ICP 备案号应形如“京ICP备12345678号-1”'], contact: ['联系方式须是电子邮箱或电话号码'] },
    });
    expect(Object.keys((result as { fieldErrors: object }).fieldErrors).sort()).toEqual(['contact', 'icpNumber', 'siteName']);
    expect(await db.setting.count()).toBe(0);
  });

  it('reads the defaults before anything is saved, and despite an invalid stored value', async () => {
    expect(await getSiteSettings(db)).toEqual(defaultSiteSettings);
    await db.setting.create({ data: { key: 'site', value: { siteName: 42 } } });
    vi.spyOn(console, 'error').mockImplementationOnce(() => undefined);
    expect(await getSiteSettings(db)).toEqual(defaultSiteSettings);
  });
});

describe('gone slugs (410)', () => {
  it('a page taken down is gone at its live and older slugs; a slug never public is not', async () => {
    const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    const first = await publishWith(articleId);
    await publishWith(articleId, { slug: 'renamed-once' });
    expect(await readGoneSlugs(db)).toEqual([]);
    const servers = await loadGoneSlugSet(db);
    const down = await unpublish(articleId);
    expect(down.publicTags).toContain(publicTags.gone);
    expect((await readGoneSlugs(db)).sort()).toEqual([first.slug, 'renamed-once'].sort());
    // The change names every address it retired, so a server refreshes just those.
    expect(slugsOfTags(down.publicTags).sort()).toEqual([first.slug, 'renamed-once'].sort());
    expect(servers.has(first.slug)).toBe(false);
    await servers.refresh(slugsOfTags(down.publicTags));
    expect(servers.has(first.slug) && servers.has('renamed-once')).toBe(true);
    expect(await readGoneAmong(db, [first.slug, 'renamed-once', 'never-existed'])).toHaveLength(2);

    // A draft's slug was never public.
    const draft = await importSample('001_09de7306f3693664.txt', editor.id);
    const { slug: draftSlug } = await db.article.findUniqueOrThrow({ where: { id: draft.articleId } });
    expect(await readGoneSlugs(db)).not.toContain(draftSlug);
  });

  it('live again: nothing of it is gone, and its last live address redirects to the new one', async () => {
    const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    const first = await publishWith(articleId);
    await unpublish(articleId);
    const servers = await loadGoneSlugSet(db);
    expect(servers.has(first.slug)).toBe(true);
    const back = await publishWith(articleId, { slug: 'back-again' });
    expect(await readGoneSlugs(db)).toEqual([]);
    expect(await readSlugRedirect(first.slug)).toEqual({ articleId, slug: 'back-again' });
    // Its cached "gone" answer at the old address is expired: the change names that slug.
    expect(back.publicTags).toContain(publicTags.slug(first.slug));
    await servers.refresh(slugsOfTags(back.publicTags));
    expect(servers.has(first.slug)).toBe(false);
  });

  it('another article going live at a gone slug takes it back', async () => {
    const a = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    const first = await publishWith(a.articleId, { slug: 'shared-slug' });
    await unpublish(a.articleId);
    expect(await readGoneSlugs(db)).toEqual([first.slug]);
    // Its working copy gives the slug up (working slugs are unique too).
    await saveArticle(editor, await editInput(a.articleId, { slug: 'moved-on' }));
    const b = await importSample('001_09de7306f3693664.txt', editor.id);
    await publishWith(b.articleId, { slug: 'shared-slug' });
    expect(await readGoneSlugs(db)).toEqual([]);
  });

  it('a live article moved to the trash is gone too', async () => {
    const { articleId } = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    const live = await publishWith(articleId);
    await db.article.update({ where: { id: articleId }, data: { deletedAt: new Date() } });
    expect(await readGoneSlugs(db)).toEqual([live.slug]);
    expect(await readGoneAmong(db, [live.slug])).toEqual([live.slug]);
  });
});

describe('sitemap', () => {
  it('lists every live article and list page once, split into files of the given size, never a draft', async () => {
    const a = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    const b = await importSample('001_09de7306f3693664.txt', editor.id);
    const c = await importSample('002_61664b8a0a0df384.txt', editor.id);
    const liveA = await publishWith(a.articleId, { regions: [{ code: '440106', origin: 'MANUAL' }] });
    const liveB = await publishWith(b.articleId);
    // A live article's working copy under another slug, and a draft that never went live.
    await saveArticle(editor, await editInput(b.articleId, { slug: 'only-in-the-draft' }));
    const { slug: draftSlug } = await db.article.findUniqueOrThrow({ where: { id: c.articleId } });

    const size = 3;
    const index = await readSitemapIndex(size);
    const files = [];
    for (let n = 1; n <= index.fileCount; n++) files.push((await readSitemapFile(n, size))!);
    expect(await readSitemapFile(index.fileCount + 1, size)).toBeNull();
    for (const file of files) expect(file.length).toBeLessThanOrEqual(size);
    const paths = files.flat().map((e) => e.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toEqual(
      expect.arrayContaining(['/', '/regions', '/regions/440000', '/regions/440100', '/regions/440106', `/a/${liveA.slug}`, `/a/${liveB.slug}`]),
    );
    expect(paths).not.toContain(`/a/${draftSlug}`);
    expect(paths).not.toContain('/a/only-in-the-draft');
    expect(index.fileCount).toBe(Math.ceil(paths.length / size));

    // lastmod is the time of the live version.
    const revision = await db.revision.findFirstOrThrow({
      where: { article: { id: a.articleId }, id: (await db.article.findUniqueOrThrow({ where: { id: a.articleId } })).publishedRevisionId! },
    });
    expect(files.flat().find((e) => e.path === `/a/${liveA.slug}`)?.lastmod).toEqual(revision.createdAt);

    await unpublish(a.articleId);
    const after = (await readSitemapFile(1, 1000))!.map((e) => e.path);
    expect(after).not.toContain(`/a/${liveA.slug}`);
    expect(after).not.toContain('/regions/440106');
  });
});

describe('feed', () => {
  it('holds the latest 50 live articles, newest first, and never a draft', async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await generateArticles(client, { count: 60, allPublished: true, publishedRevisions: true, recommendations: 0 });
    } finally {
      await client.end();
    }
    const draft = await importSample('000_f9d22c9b16a877c9.txt', editor.id);
    const { title: draftTitle } = await db.article.findUniqueOrThrow({ where: { id: draft.articleId } });

    const items = await readFeedItems(50);
    expect(items).toHaveLength(50);
    const times = items.map((i) => i.publishedAt!.getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const newest = await db.article.findMany({
      where: { publishedRevisionId: { not: null }, deletedAt: null },
      orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }],
      take: 50,
      select: { publishedRevision: { select: { slug: true } } },
    });
    expect(items.map((i) => i.slug)).toEqual(newest.map((a) => a.publishedRevision!.slug));
    expect(items.map((i) => i.title)).not.toContain(draftTitle);
  });
});
