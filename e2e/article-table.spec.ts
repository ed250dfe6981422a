import { expect, test } from '@playwright/test';
import { pageAs } from './fixtures';

test('the article table filters and sorts on the server, and the URL keeps the state', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  for (const title of ['表格测试 甲', '表格测试 乙']) {
    await page.goto('/admin/articles/new');
    await page.getByLabel('标题').fill(title);
    await page.getByRole('button', { name: '创建草稿' }).click();
    await expect(page.getByTestId('article-status')).toHaveText('草稿');
  }
  await page.goto('/admin/articles');
  await page.getByLabel('关键词').fill('表格测试');
  await page.getByLabel('状态').selectOption('DRAFT');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/q=%E8%A1%A8%E6%A0%BC%E6%B5%8B%E8%AF%95/);
  await expect(page).toHaveURL(/status=DRAFT/);
  const rows = page.getByRole('table', { name: '文章列表' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);

  await page.getByRole('link', { name: /^标题/ }).click();
  await expect(page).toHaveURL(/sort=title/);
  const firstDesc = await rows.first().innerText();
  await page.getByRole('link', { name: /^标题/ }).click();
  await expect(page).toHaveURL(/dir=asc/);
  await expect(rows.first()).not.toHaveText(firstDesc);

  await page.goto('/admin/articles?status=PUBLISHED&q=%E8%A1%A8%E6%A0%BC%E6%B5%8B%E8%AF%95');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('没有符合条件的文章');
  await page.context().close();
});
