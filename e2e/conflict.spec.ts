import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { pageAs } from './fixtures';

// A save that meets a newer version (written meanwhile by a CLI run, an import or a restore)
// fails with a conflict instead of overwriting it, and the editor's typing stays.
test('a save based on an outdated version gets a conflict, not an overwrite', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  await page.goto('/admin/articles/new');
  await page.getByLabel('标题').fill('并发编辑测试');
  await page.getByRole('button', { name: '创建草稿' }).click();
  await expect(page.getByTestId('article-status')).toHaveText('草稿');
  const articleId = page.url().split('/').pop()!;

  // Another process saves the article while the page is open.
  execFileSync('node_modules/.bin/tsx', ['e2e/content-cli.ts', 'save-working', articleId, '--title', '另一处保存的标题'], { encoding: 'utf8' });

  await page.getByLabel('文章标题').fill('页面里的标题');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '保存冲突' })).toBeVisible();
  // The typing is still in the form, and autosave does not try again over the newer version.
  await expect(page.getByLabel('文章标题')).toHaveValue('页面里的标题');

  await page.reload();
  await expect(page.getByRole('region', { name: '未保存的修改' })).toContainText('文章此后已更新到版本 2');
  await page.getByRole('button', { name: '丢弃' }).click();
  await expect(page.getByLabel('文章标题')).toHaveValue('另一处保存的标题');
  await page.context().close();
});
