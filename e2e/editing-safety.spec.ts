import { expect, test, type Page } from '@playwright/test';
import { pageAs } from './fixtures';

// Editing without losing work: autosave (never inside an input method's composition), the
// unsaved text kept in the browser and offered back, and edit locks with take-over.

async function newArticle(page: Page, title: string): Promise<string> {
  await page.goto('/admin/articles/new');
  await page.getByLabel('标题').fill(title);
  await page.getByRole('button', { name: '创建草稿' }).click();
  await expect(page.getByTestId('article-status')).toHaveText('草稿');
  return page.url();
}

/** An autosave: the server action's form carries the field `autosave` (heartbeats carry ids only). */
const isAutosave = (method: string, body: string | null) => method === 'POST' && (body ?? '').includes('autosave');

/** Counts the autosave requests the page sends (the lock's heartbeats are server actions too). */
function countAutosaves(page: Page): { count: number } {
  const seen = { count: 0 };
  page.on('request', (request) => {
    if (isAutosave(request.method(), request.postData())) seen.count += 1;
  });
  return seen;
}

test('typing is saved on its own, but never in the middle of an input method composition', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  const url = await newArticle(page, '自动保存测试');
  const autosaves = countAutosaves(page);
  const title = page.getByLabel('文章标题');
  await title.click();
  await page.keyboard.press('End');

  // A Chinese input method composing pinyin: the field shows it, nothing is saved meanwhile.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'yidi', selectionStart: 4, selectionEnd: 4 });
  await expect(page.getByRole('status')).toHaveText('未保存的更改');
  await page.waitForTimeout(3500);
  expect(autosaves.count).toBe(0);
  await expect(page.getByRole('status')).toHaveText('未保存的更改');

  // The composition ends with the characters chosen; two seconds later they are saved.
  await cdp.send('Input.insertText', { text: '异地' });
  await expect(title).toHaveValue('自动保存测试异地');
  await expect(page.getByRole('status')).toContainText(/已保存 \d\d:\d\d/, { timeout: 10_000 });
  expect(autosaves.count).toBe(1);

  await page.goto(url);
  await expect(page.getByLabel('文章标题')).toHaveValue('自动保存测试异地');
  await page.context().close();
});

test('text typed while the server is unreachable survives closing the tab and is offered back', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  const url = await newArticle(page, '离线输入测试');
  // The server goes away for this page's saves.
  await page.route(url, (route) => (isAutosave(route.request().method(), route.request().postData()) ? route.abort() : route.fallback()));
  await page.getByLabel('文章标题').fill('离线时输入的标题');
  await expect(page.getByRole('alert').filter({ hasText: '自动保存失败' })).toContainText('修改已保留在本浏览器中', { timeout: 10_000 });

  // Closing the tab warns first.
  const warned = new Promise<string>((resolve) =>
    page.once('dialog', (dialog) => {
      resolve(dialog.type());
      void dialog.accept();
    }),
  );
  await page.close({ runBeforeUnload: true });
  expect(await warned).toBe('beforeunload');

  // Back on the article: the text is offered, and once taken it is saved.
  const again = await page.context().newPage();
  await again.goto(url);
  const offer = again.getByRole('region', { name: '未保存的修改' });
  await expect(offer).toContainText('基于版本 1');
  await expect(again.getByLabel('文章标题')).toHaveValue('离线输入测试');
  await offer.getByRole('button', { name: '恢复这些修改' }).click();
  await expect(again.getByLabel('文章标题')).toHaveValue('离线时输入的标题');
  await expect(again.getByRole('status')).toContainText('已保存', { timeout: 10_000 });
  await again.reload();
  await expect(again.getByLabel('文章标题')).toHaveValue('离线时输入的标题');
  await expect(again.getByRole('region', { name: '未保存的修改' })).toHaveCount(0);
  await again.context().close();
});

test('two editors on one article: the lock, a take-over, and the first one’s text recovered', async ({ browser }) => {
  const wang = await pageAs(browser, 'editor');
  const url = await newArticle(wang, '编辑锁测试');
  await expect(wang.getByLabel('文章标题')).toBeEnabled();

  // A second person sees who is editing, read-only.
  const li = await pageAs(browser, 'admin');
  await li.goto(url);
  const banner = li.getByRole('region', { name: '编辑锁' });
  await expect(banner).toContainText(/测试编辑 正在编辑（(刚刚有活动|\d+ 分钟前活动)），此页为只读/);
  await expect(li.getByLabel('文章标题')).toBeDisabled();
  await expect(li.getByRole('button', { name: '保存' })).toBeDisabled();

  // They take over: their page reloads, editable.
  await banner.getByRole('button', { name: '接管编辑' }).click();
  await expect(li.getByRole('region', { name: '编辑锁' })).toHaveCount(0);
  await expect(li.getByLabel('文章标题')).toBeEnabled();

  // The first editor, typing on, is told at the next heartbeat; their text stays on the page.
  await wang.getByLabel('文章标题').fill('王编辑没来得及保存的标题');
  await expect(wang.getByRole('region', { name: '编辑锁' })).toContainText('测试管理员 已接管编辑', { timeout: 15_000 });
  await expect(wang.getByLabel('文章标题')).toBeDisabled();
  await expect(wang.getByLabel('文章标题')).toHaveValue('王编辑没来得及保存的标题');

  // The second editor saves and leaves; the first takes the article back and gets the text offered.
  await li.getByLabel('摘要', { exact: true }).fill('管理员补充的摘要');
  await li.getByRole('button', { name: '保存' }).click();
  await expect(li.getByRole('status')).toContainText('已保存');
  await li.context().close();
  await wang.getByRole('region', { name: '编辑锁' }).getByRole('button', { name: '接管编辑' }).click();
  const offer = wang.getByRole('region', { name: '未保存的修改' });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: '恢复这些修改' }).click();
  await expect(wang.getByLabel('文章标题')).toHaveValue('王编辑没来得及保存的标题');
  await wang.context().close();
});
