import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { pageAs } from './fixtures';

// A save that meets a newer version (written meanwhile by a CLI run, an import or a restore)
// never overwrites it: the editor sees both sides, chooses per field, and saves the merge.
test('a save based on an outdated version is merged field by field, not overwritten', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  await page.goto('/admin/articles/new');
  await page.getByLabel('标题').fill('并发编辑测试');
  await page.getByRole('button', { name: '创建草稿' }).click();
  await expect(page.getByTestId('article-status')).toHaveText('草稿');
  const articleId = page.url().split('/').pop()!;

  // Another process saves the article (a new title) while the page is open.
  execFileSync('node_modules/.bin/tsx', ['e2e/content-cli.ts', 'save-working', articleId, '--title', '另一处保存的标题'], { encoding: 'utf8' });

  await page.getByLabel('文章标题').fill('页面里的标题');
  await page.getByLabel('摘要', { exact: true }).fill('页面里的摘要');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '保存冲突' })).toBeVisible();

  // Both sides, field by field; the typing is still there.
  const merge = page.getByRole('region', { name: '合并修改' });
  await expect(merge.getByRole('heading', { name: /^保存冲突/ })).toContainText('版本 2');
  // Character by character: what version 2 has struck out, what the page typed marked as inserted.
  const titleRow = merge.getByTestId('version-diff').getByRole('row', { name: /标题/ });
  await expect(titleRow.locator('del')).toHaveText('另一处保存');
  await expect(titleRow.locator('ins')).toHaveText('页面里');
  await expect(page.getByLabel('文章标题')).toHaveValue('页面里的标题');
  await merge.getByRole('radiogroup', { name: '标题' }).getByLabel('用版本 2').check();
  await expect(merge.getByRole('radiogroup', { name: '摘要' }).getByLabel('用我的')).toBeChecked();
  await merge.getByRole('button', { name: '保存合并结果' }).click();
  await expect(page.getByRole('status')).toContainText('已保存');
  await expect(page.getByRole('status')).toContainText('版本 3');

  await page.reload();
  await expect(page.getByLabel('文章标题')).toHaveValue('另一处保存的标题');
  await expect(page.getByLabel('摘要', { exact: true })).toHaveValue('页面里的摘要');
  await expect(page.getByRole('region', { name: '未保存的修改' })).toHaveCount(0);
  await page.context().close();
});
