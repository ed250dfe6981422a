import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { pageAs } from './fixtures';

// The reviewer's screen: an editor changes a live article and submits it; the reviewer sees the
// change against the live version marked as an insertion, previews the page at both widths and
// approves. The sample is also published by the server-processes spec, which changes it anyway.
const sample = '003_91985a4ab1a3ef30.txt';
const liveTitle = '停了居民医保当月就不能用了吗';

test('the reviewer sees what changed against the live version, previews it and approves', async ({ browser }) => {
  execFileSync('node_modules/.bin/tsx', ['e2e/content-cli.ts', 'publish', sample, '--title', liveTitle], { encoding: 'utf8' });

  const editor = await pageAs(browser, 'editor');
  await editor.goto(`/admin/articles?q=${encodeURIComponent(liveTitle)}`);
  await editor.getByRole('link', { name: liveTitle, exact: true }).click();
  await editor.getByLabel('文章标题').fill(`${liveTitle}（2025年）`);
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(editor.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  await editor.getByRole('button', { name: '提交审核' }).click();
  await expect(editor.getByTestId('article-status')).toHaveText('审核中');
  await editor.context().close();

  const reviewer = await pageAs(browser, 'reviewer');
  await reviewer.getByRole('link', { name: '审核队列' }).click();
  await reviewer
    .getByRole('row')
    .filter({ hasText: `${liveTitle}（2025年）` })
    .getByRole('link', { name: '查看差异与预览' })
    .click();
  const changes = reviewer.getByRole('region', { name: '与线上版本的差异' });
  await expect(changes.getByRole('heading', { name: /^版本 \d+ 与线上版本 \d+ 的差异$/ })).toBeVisible();
  await expect(changes.getByRole('row', { name: /标题/ }).locator('ins')).toHaveText('（2025年）');
  await expect(changes.locator('del')).toHaveCount(0);

  // The page as a reader would see it, at a phone's width and then a desktop's.
  const preview = reviewer.getByTestId('preview');
  await expect(preview).toHaveAttribute('data-width', '390');
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(`${liveTitle}（2025年）`);
  await reviewer.getByRole('button', { name: /电脑/ }).click();
  await expect(preview).toHaveAttribute('data-width', '860');

  await reviewer.getByLabel('审核意见').fill('标题年份已核对');
  await reviewer.getByRole('button', { name: '批准' }).click();
  await expect(reviewer.getByRole('status').filter({ hasText: '审核意见已提交' })).toBeVisible();
  await reviewer.reload();
  await expect(reviewer.getByTestId('article-status')).toHaveText('已批准');
  await expect(reviewer.getByRole('list', { name: '审核记录' })).toContainText('标题年份已核对');
  await reviewer.context().close();
});
