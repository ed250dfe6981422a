import { expect, test } from '@playwright/test';
import { pageAs } from './fixtures';

test('two editors saving the same version: the second gets a conflict, not an overwrite', async ({ browser }) => {
  const first = await pageAs(browser, 'editor');
  await first.goto('/admin/articles/new');
  await first.getByLabel('标题').fill('并发编辑测试');
  await first.getByRole('button', { name: '创建草稿' }).click();
  await expect(first.getByTestId('article-status')).toHaveText('草稿');
  const url = first.url();

  const second = await pageAs(browser, 'admin');
  await second.goto(url);

  await first.getByLabel('文章标题').fill('第一个人的标题');
  await first.getByRole('button', { name: '保存' }).click();
  await expect(first.getByRole('status')).toContainText('已保存');

  await second.getByLabel('文章标题').fill('第二个人的标题');
  await second.getByRole('button', { name: '保存' }).click();
  await expect(second.getByRole('alert').filter({ hasText: '保存冲突' })).toBeVisible();
  // The second person's typing is still in the form.
  await expect(second.getByLabel('文章标题')).toHaveValue('第二个人的标题');

  await second.reload();
  await expect(second.getByLabel('文章标题')).toHaveValue('第一个人的标题');
  await first.context().close();
  await second.context().close();
});
