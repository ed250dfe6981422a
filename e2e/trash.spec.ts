import { execFileSync } from 'node:child_process';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { pageAs } from './fixtures';
import { e2eUsers } from './users';

// The trash: an editor moves a draft of their own there and an admin restores it; an admin takes
// a live article there (the confirmation names the page that links to it), readers get 410 and a
// plain card, and the admin deletes it for good. Every article here is this spec's own.
test.describe.configure({ mode: 'serial' });

const draftTitle = '回收站旅程：编辑的草稿';
const liveTitle = '回收站旅程：线上文章';
const linkingTitle = '回收站旅程：推荐它的文章';
let draftUrl = '';

function content(...args: string[]) {
  return JSON.parse(
    execFileSync('node_modules/.bin/tsx', ['e2e/content-cli.ts', ...args], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!,
  ) as { slug: string };
}

async function statusOf(request: APIRequestContext, url: string) {
  return (await request.get(url, { maxRedirects: 0 })).status();
}

test('an editor moves a draft of their own to the trash', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  await page.goto('/admin/articles/new');
  await page.getByLabel('标题').fill(draftTitle);
  await page.getByRole('button', { name: '创建草稿' }).click();
  await expect(page.getByTestId('article-status')).toHaveText('草稿');
  draftUrl = page.url();

  await page.getByRole('link', { name: '移到回收站' }).click();
  await expect(page.getByRole('heading', { name: `移到回收站：${draftTitle}` })).toBeVisible();
  const confirmation = page.getByRole('region', { name: '确认移到回收站' });
  await expect(confirmation).toContainText('这篇文章没有线上版本');
  await expect(confirmation).toContainText('没有其他文章的相关推荐链接到它');
  await confirmation.getByRole('button', { name: '移到回收站' }).click();

  await expect(page).toHaveURL(/\/admin\/trash\?moved=/);
  await expect(page.getByRole('status')).toHaveText(`已移到回收站：${draftTitle}`);
  const row = page.getByTestId('trash-row').filter({ hasText: draftTitle });
  await expect(row).toContainText(e2eUsers.editor.name);
  await expect(row.getByRole('button', { name: `恢复：${draftTitle}` })).toBeVisible();
  // Deleting for good is for admins only.
  await expect(row.getByRole('button', { name: /永久删除/ })).toHaveCount(0);

  // It is gone from the article list and its page.
  await page.goto(`/admin/articles?q=${encodeURIComponent(draftTitle)}`);
  await expect(page.getByRole('link', { name: draftTitle })).toHaveCount(0);
  await page.goto(draftUrl);
  await expect(page.getByRole('note')).toContainText(`《${draftTitle}》在回收站中（${e2eUsers.editor.name}于`);
  await expect(page.getByLabel('文章标题')).toHaveCount(0);
  await page.context().close();
});

test('an admin restores it as a draft', async ({ browser }) => {
  const page = await pageAs(browser, 'admin');
  await page.getByRole('navigation', { name: '后台导航' }).getByRole('link', { name: '回收站' }).click();
  const row = page.getByTestId('trash-row').filter({ hasText: draftTitle });
  await row.getByRole('button', { name: `恢复：${draftTitle}` }).click();
  const restored = page.getByRole('status').filter({ hasText: '已恢复为草稿' });
  await expect(restored).toHaveText(`已恢复为草稿：${draftTitle}`);
  await expect(page.getByTestId('trash-row').filter({ hasText: draftTitle })).toHaveCount(0);

  await restored.getByRole('link', { name: draftTitle }).click();
  await expect(page).toHaveURL(draftUrl);
  await expect(page.getByTestId('article-status')).toHaveText('草稿');
  await page.context().close();
});

test('an admin takes a live article to the trash, named with the page that links to it, then deletes it', async ({ browser, request }) => {
  const live = content('publish-new', '--title', liveTitle);
  const linking = content('publish-new', '--title', linkingTitle, '--link-to-title', liveTitle);
  await expect.poll(() => statusOf(request, `/a/${live.slug}`)).toBe(200);
  const linkingPage = await browser.newPage();
  await linkingPage.goto(`/a/${linking.slug}`);
  await expect(linkingPage.getByRole('link', { name: liveTitle })).toBeVisible();

  const page = await pageAs(browser, 'admin');
  await page.goto(`/admin/articles?q=${encodeURIComponent(liveTitle)}`);
  await page.getByRole('link', { name: liveTitle, exact: true }).click();
  await page.getByRole('link', { name: '移到回收站' }).click();
  const confirmation = page.getByRole('region', { name: '确认移到回收站' });
  await expect(confirmation).toContainText(`/a/${live.slug}`);
  await expect(confirmation).toContainText('以下 1 篇文章的相关推荐链接到它');
  const linkingItem = confirmation.getByRole('list', { name: '链接到它的文章' }).getByRole('listitem');
  await expect(linkingItem).toHaveText(`${linkingTitle}线上页面`);
  await confirmation.getByRole('button', { name: '下线并移到回收站' }).click();
  await expect(page.getByRole('status')).toHaveText(`已移到回收站：${liveTitle}`);
  const row = page.getByTestId('trash-row').filter({ hasText: liveTitle });
  await expect(row).toContainText('已下线（曾发布）');

  // Readers: the address is gone (410), and the page that recommended it shows a plain card.
  await expect.poll(() => statusOf(request, `/a/${live.slug}`)).toBe(410);
  await linkingPage.reload();
  await expect(linkingPage.getByRole('heading', { name: liveTitle, level: 3 })).toBeVisible();
  await expect(linkingPage.getByRole('link', { name: liveTitle })).toHaveCount(0);

  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain(`永久删除《${liveTitle}》`);
    expect(dialog.message()).toContain('另有 1 篇文章的相关推荐链接到它');
    void dialog.accept();
  });
  await row.getByRole('button', { name: `永久删除：${liveTitle}` }).click();
  await expect(page.getByRole('status').filter({ hasText: '已永久删除' })).toHaveText(`已永久删除：${liveTitle}`);
  await expect(page.getByTestId('trash-row').filter({ hasText: liveTitle })).toHaveCount(0);
  expect(await statusOf(request, `/a/${live.slug}`)).toBe(410);

  // The audit log names what was deleted.
  await page.goto(`/admin/audit?action=${encodeURIComponent('article.delete')}`);
  await expect(page.getByRole('table', { name: '审计记录' })).toContainText(`title: ${liveTitle}`);

  // What this spec left live goes down again (other specs count nothing of it, but tidy up).
  content('unpublish', linking.slug);
  await linkingPage.close();
  await page.context().close();
});
