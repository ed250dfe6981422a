import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { zipSync } from 'fflate';
import pg from 'pg';
import { pageAs } from './fixtures';

// Upload → preview → confirm → background import with a progress bar → report, with a zip, a
// conflict imported on request, a cancelled preview, the batch history with its CSV, and who may
// see any of it.
test.describe.configure({ mode: 'serial' });

const encode = (text: string) => Buffer.from(text, 'utf8');

function pageText(title: string, paragraph: string): string {
  return `${title}\n\n${paragraph}\n\n提示:本内容不能代替面诊,如有不适请尽快就医。\n相关推荐\n\n杭州医保报销比例\n\n报销比例因医院等级而不同。\n\n健康新闻 2025-05-08\n`;
}

const looseTitle = '预览测试：异地就医怎么备案';
const zippedTitle = '预览测试：杭州医保卡怎么激活';
const formulaTitle = '预览测试：公式文件名的页面';

function archive(): Buffer {
  return Buffer.from(
    zipSync({
      '页面/杭州.txt': encode(pageText(zippedTitle, '在线激活即可,无需到窗口。')),
      '../越界.txt': encode(pageText('越界的页面', '不应导入。')),
      'photo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
    }),
  );
}

async function upload(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[], options: { normalize?: boolean } = {}) {
  await page.goto('/admin/import');
  await page.getByLabel('页面文件').setInputFiles(files);
  if (options.normalize === false) await page.getByLabel(/规范标点/).uncheck();
  await page.getByRole('button', { name: '上传并预览' }).click();
  return page.getByRole('region', { name: '导入预览' });
}

/**
 * Holds back every import's writes (a lock on the table of file outcomes, which reads do not
 * need) until released, so that a running import can be seen however fast this machine is.
 */
async function holdImportWrites(): Promise<{ release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE "ImportItem" IN SHARE MODE');
  return {
    release: async () => {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

const loose = () => ({ name: 'loose.txt', mimeType: 'text/plain', buffer: encode(pageText(looseTitle, '先在线备案,再去就医。')) });
// A file name a spreadsheet would run as a formula.
const formula = () => ({ name: '=SUM(1+1).txt', mimeType: 'text/plain', buffer: encode(pageText(formulaTitle, '文件名像公式。')) });
const zip = () => ({ name: 'pages.zip', mimeType: 'application/zip', buffer: archive() });

test('a previewed upload can be cancelled and writes nothing', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  const preview = await upload(page, [loose()]);
  await expect(preview.getByRole('status')).toContainText('将新建 1');
  await preview.getByRole('button', { name: '取消' }).click();
  await expect(preview).toHaveCount(0);
  // Nothing was written: the same file is still new.
  const again = await upload(page, [loose()]);
  await expect(again.getByRole('status')).toContainText('将新建 1');
  await again.getByRole('button', { name: '取消' }).click();
  await page.context().close();
});

test('an editor previews loose files and a zip, confirms, and gets a report and a history with CSV', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  const preview = await upload(page, [loose(), formula(), zip()]);
  await expect(preview.getByRole('status')).toContainText('将新建 3，将更新 0，未变 0，失败 2');
  const rows = preview.locator('tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(0)).toContainText(looseTitle);
  await expect(rows.nth(2)).toContainText('pages.zip/页面/杭州.txt');
  await expect(rows.nth(2)).toContainText(zippedTitle);
  await expect(rows.nth(2)).toContainText('浙江省 / 杭州市'); // suggested region
  await expect(rows.nth(2).locator('td').nth(3)).toHaveText('1'); // recommendation items
  await expect(preview.locator('tr[data-reason="UNSAFE_NAME"]')).toContainText('压缩包之外');
  await expect(preview.locator('tr[data-reason="NOT_TEXT"]')).toContainText('photo.png');

  await preview.getByRole('button', { name: '确认导入' }).click();
  // The import runs in the background; its batch page shows the report when it is done.
  await expect(page).toHaveURL(/\/admin\/import\/history\/[a-z0-9]+$/);
  await expect(page.getByRole('heading', { name: '导入明细' })).toBeVisible();
  const report = page.getByRole('region', { name: '导入结果' });
  await expect(report.getByRole('status')).toHaveText('导入完成：新建 3，更新 0，未变 0，失败 2');
  await expect(page.getByRole('region', { name: '导入预览' })).toHaveCount(0);
  await expect(report.locator('tr[data-outcome="created"]')).toHaveCount(3);
  await expect(report.locator('tr[data-outcome="failed"]')).toHaveCount(2);

  const history = report.getByRole('table', { name: '导入明细' });
  await expect(history.locator('tbody tr')).toHaveCount(5);
  await expect(history.locator('tr[data-outcome="created"]').first()).toContainText(looseTitle);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 CSV' }).click()]);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.startsWith('\uFEFF"序号","文件"')).toBe(true);
  expect(csv).toContain(`"'=SUM(1+1).txt"`); // shown as text, never run as a formula
  expect(csv).not.toContain('"=SUM');
  expect(csv).toContain('"UNSAFE_NAME"');
  expect(csv).toContain(looseTitle);
  expect(csv.trimEnd().split('\r\n')).toHaveLength(6);

  await page.getByRole('link', { name: /全部导入记录/ }).click();
  await expect(page.getByRole('table', { name: '导入记录' }).locator('tbody tr').first()).toContainText('查看明细');
  await page.context().close();
});

test('a large upload is imported in the background with a progress bar, then shows its report', async ({ browser }) => {
  const count = 300;
  const pages = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`进度/${i}.txt`, encode(pageText(`进度测试：第${i}号问题的办理流程`, `第${i}号问题的说明。`))]),
  );
  const page = await pageAs(browser, 'editor');
  const preview = await upload(page, [{ name: 'progress.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(pages)) }]);
  await expect(preview.getByRole('status')).toContainText(`将新建 ${count}，将更新 0，未变 0，失败 0`);

  const hold = await holdImportWrites();
  try {
    await preview.getByRole('button', { name: '确认导入' }).click();
    await expect(page).toHaveURL(/\/admin\/import\/history\/[a-z0-9]+$/);
    const progress = page.getByRole('region', { name: '导入进度' });
    const bar = progress.getByRole('progressbar', { name: '导入进度' });
    await expect(bar).toBeVisible();
    await expect(progress.getByRole('status')).toHaveText(`正在后台导入：已处理 0 / ${count}（0%）`);
    await expect(bar).toHaveAttribute('max', String(count));
    await expect(bar).toHaveAttribute('value', '0');
  } finally {
    await hold.release();
  }

  // No reload: the page follows the import and replaces the bar with the report.
  const report = page.getByRole('region', { name: '导入结果' });
  await expect(report.getByRole('status')).toHaveText(`导入完成：新建 ${count}，更新 0，未变 0，失败 0`, { timeout: 30_000 });
  await expect(page.getByRole('region', { name: '导入进度' })).toHaveCount(0);
  await expect(report.locator('tbody tr')).toHaveCount(count);
  await expect(report.getByRole('link', { name: '进度测试：第0号问题的办理流程', exact: true })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 CSV' }).click()]);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.trimEnd().split('\r\n')).toHaveLength(count + 1);

  await page.getByRole('link', { name: /全部导入记录/ }).click();
  await expect(page.getByRole('table', { name: '导入记录' }).locator('tbody tr').first().locator('td[data-status]')).toHaveText('完成');
  await page.context().close();
});

test('a page an editor changed is a conflict, imported as a new revision only when ticked', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  await page.goto(`/admin/articles?q=${encodeURIComponent(looseTitle)}`);
  await page.getByRole('link', { name: looseTitle }).click();
  await page.getByLabel('文章标题').fill(`${looseTitle}（编辑改）`);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toContainText('已保存');

  const rescraped = { name: 'loose.txt', mimeType: 'text/plain', buffer: encode(pageText(looseTitle, '先在线备案,再去就医(2025年更新)。')) };
  let preview = await upload(page, [rescraped]);
  const conflict = preview.locator('tr[data-reason="CONFLICT"]');
  await expect(conflict).toContainText('冲突');
  await preview.getByRole('button', { name: '确认导入' }).click();
  const report = page.getByRole('region', { name: '导入结果' });
  await expect(report.getByRole('status')).toContainText('失败 1');
  await expect(report.locator('tr[data-reason="CONFLICT"]')).toContainText('冲突：编辑已修改');

  preview = await upload(page, [rescraped]);
  await preview.getByLabel(/仍然导入为新版本/).check();
  await preview.getByRole('button', { name: '确认导入' }).click();
  await expect(report.getByRole('status')).toContainText('更新 1');
  await expect(report.locator('tr[data-outcome="updated"]')).toContainText('已按要求覆盖编辑的修改');
  await report.getByRole('link', { name: looseTitle }).click();
  await expect(page.getByLabel('文章标题')).toHaveValue(looseTitle);
  await page.context().close();
});

test('a script tag in a title is shown as text, and the punctuation option is recorded', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  page.on('dialog', () => {
    throw new Error('a script from an imported title ran');
  });
  const title = "<script>alert('xss')</script>预览测试标题";
  const preview = await upload(page, [{ name: 'xss.txt', mimeType: 'text/plain', buffer: encode(pageText(title, '正文,含英文逗号。')) }], { normalize: false });
  await expect(preview.getByRole('status')).toContainText('标点规范化：关');
  await expect(preview.locator('tbody tr').first()).toContainText(title);
  await preview.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByRole('region', { name: '导入结果' }).getByRole('status')).toContainText('新建 1');
  await page.goto('/admin/import/history');
  await expect(page.getByRole('table', { name: '导入记录' }).locator('tbody tr').first().locator('td').nth(3)).toHaveText('关');
  await page.context().close();
});

test('a reviewer can neither import nor read the import history', async ({ browser, request }) => {
  const page = await pageAs(browser, 'reviewer');
  await page.goto('/admin/import');
  await expect(page).toHaveURL(/denied=1/);
  await page.goto('/admin/import/history');
  await expect(page).toHaveURL(/denied=1/);
  const csv = await page.request.get('/admin/import/history/anything/csv');
  expect(csv.status()).toBe(403);
  const anonymous = await request.get('/admin/import/history/anything/csv', { maxRedirects: 0 });
  expect([302, 307, 401]).toContain(anonymous.status());
  await page.context().close();
});
