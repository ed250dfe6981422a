import { expect, test, type Page, type Request } from '@playwright/test';
import { pageAs } from './fixtures';

// An outside review's findings, each answered by the running server with a page or a message
// instead of a 500: text filters with NUL or past 100 characters, a server action of 20,000
// fields, an action's arguments nested 10,000 levels deep, an article body nested as deep.
test.describe.configure({ mode: 'serial' });

const cutNotice = '搜索词超过 100 个字，只按前 100 个字搜索。';

test('list filters with NUL or a keyword past 100 characters answer 200, the long one with a notice', async ({ browser, request }) => {
  const admin = await pageAs(browser, 'admin');
  for (const path of ['/admin/articles?q=%00', '/admin/articles?q=%00%25', '/admin/audit?user=%00&action=%00&article=%00', '/admin/audit/csv?article=%00']) {
    expect((await admin.request.get(path)).status(), path).toBe(200);
  }

  const long = '医保'.repeat(60);
  const articles = await admin.goto(`/admin/articles?q=${encodeURIComponent(long)}`);
  expect(articles?.status()).toBe(200);
  await expect(admin.getByTestId('keyword-notice')).toHaveText(cutNotice);
  await expect(admin.getByLabel('关键词')).toHaveValue(long.slice(0, 100));
  await expect(admin.getByRole('table', { name: '文章列表' })).toBeVisible();
  // An ordinary keyword says nothing.
  await admin.goto('/admin/articles?q=%E5%8C%BB%E4%BF%9D');
  await expect(admin.getByTestId('keyword-notice')).toHaveCount(0);

  const audit = await admin.goto(`/admin/audit?article=${'x'.repeat(41)}`);
  expect(audit?.status()).toBe(200);
  await expect(admin.getByRole('alert').filter({ hasText: '筛选条件无效' })).toHaveText('筛选条件无效：文章 ID不能超过 40 个字符');
  await admin.context().close();

  const search = await request.get(`/search?q=${encodeURIComponent(long)}`);
  expect(search.status()).toBe(200);
  expect(await search.text()).toContain(cutNotice);
  expect((await request.get('/search?q=%00')).status()).toBe(200);
});

/** The editor's save of a new article, as the browser sent it. */
async function captureSave(page: Page): Promise<Request> {
  await page.goto('/admin/articles/new');
  await page.getByLabel('标题').fill('恶意请求测试');
  await page.getByRole('button', { name: '创建草稿' }).click();
  await expect(page.getByTestId('article-status')).toHaveText('草稿');
  await page.getByRole('textbox', { name: '文章标题' }).fill('恶意请求测试 已保存');
  const [save] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']),
    page.getByRole('button', { name: '保存', exact: true }).click(),
  ]);
  await expect(page.getByRole('status')).toContainText(/已保存 \d\d:\d\d/);
  return save;
}

test('a server action of 20,000 fields, or with arguments or a body nested 10,000 levels deep, is refused with a message', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  const save = await captureSave(page);
  const headers = save.headers();
  const body = save.postData() ?? '';
  const boundary = /boundary=(.+)$/.exec(headers['content-type'])![1];
  const post = async (data: string, extra: Record<string, string> = {}) => {
    const response = await page.request.post(save.url(), { headers: { ...headers, ...extra }, data });
    return { status: response.status(), text: await response.text() };
  };

  const fields = Array.from({ length: 20_000 }, (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="_1_f${i}"\r\n\r\nx\r\n`).join('');
  expect(await post(body.replace(`--${boundary}--`, `${fields}--${boundary}--`))).toEqual({
    status: 413,
    text: '请求包含的字段过多（最多 1,000 个），已拒绝。请刷新页面后重试。',
  });
  const urlencoded = Array.from({ length: 20_000 }, (_, i) => `f${i}=x`).join('&');
  expect((await post(urlencoded, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(413);

  // The action's arguments (row 0), which React decodes before any of our code runs.
  const deepArguments = `[null,${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}]`;
  expect(await post(body.replace(/(name="0"\r\n\r\n)[^\r]*/, (_, head: string) => head + deepArguments))).toEqual({
    status: 400,
    text: '请求的数据嵌套层级过深，已拒绝。请刷新页面后重试。',
  });

  // The body is a field of the form, which the save validates itself and answers as the editor shows it.
  const deepBody = `{"type":"doc","content":[${'{"type":"blockquote","content":['.repeat(5_000)}{"type":"paragraph"}${']}'.repeat(5_000)}]}`;
  const refused = await post(body.replace(/(name="_1_body"\r\n\r\n)[^\r]*/, (_, head: string) => head + deepBody));
  expect(refused.status).toBe(200);
  expect(refused.text).toContain('"code":"INVALID"');
  expect(refused.text).toContain('正文嵌套层级过深（最多 12 层）');

  // Nothing of it was saved: the article is as the editor's own save left it.
  await page.reload();
  await expect(page.getByRole('textbox', { name: '文章标题' })).toHaveValue('恶意请求测试 已保存');
  await page.context().close();
});
