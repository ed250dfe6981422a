import { expect, test } from '@playwright/test';
import { pageAs } from './fixtures';

// An article's history: every version listed, two compared character by character (inline and
// side by side), and an old one restored as a new working version.
test('an editor compares two versions and restores version 1', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  await page.goto('/admin/articles/new');
  await page.getByLabel('标题').fill('异地就医如何备案');
  await page.getByRole('button', { name: '创建草稿' }).click();
  await expect(page.getByTestId('article-status')).toHaveText('草稿');
  const articleUrl = page.url();

  await page.getByLabel('文章标题').fill('异地就医如何线上备案');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();

  await page.getByRole('link', { name: '历史版本' }).click();
  const table = page.getByRole('table', { name: '历史版本' });
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.locator('tr[data-version="2"]')).toContainText('工作版本');
  await expect(table.locator('tr[data-version="1"]')).toContainText('新建');

  // Version 1 → 2: the two inserted characters, marked as an insertion inside the title.
  await table.locator('tr[data-version="2"]').getByRole('link', { name: '与上一版比较' }).click();
  const diff = page.getByTestId('version-diff');
  await expect(diff.getByRole('row', { name: /标题/ })).toContainText('异地就医如何线上备案');
  await expect(diff.locator('ins')).toHaveText('线上');
  await page.getByRole('link', { name: '并排视图' }).click();
  await expect(page.getByTestId('version-diff').locator('del')).toHaveCount(0);
  await expect(page.getByTestId('version-diff').locator('ins')).toHaveText('线上');

  // Restore version 1: a new version 3 with the old title; the history keeps all three.
  await page.getByRole('link', { name: '历史版本' }).click();
  page.once('dialog', (dialog) => void dialog.accept());
  await table.locator('tr[data-version="1"]').getByRole('button', { name: '恢复版本 1' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已恢复为新的工作版本：版本 3' })).toBeVisible();
  await page.reload();
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table.locator('tr[data-version="3"]')).toContainText('恢复版本 1');
  await page.goto(articleUrl);
  await expect(page.getByLabel('文章标题')).toHaveValue('异地就医如何备案');
  await page.context().close();
});
