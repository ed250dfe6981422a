import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { pageAs } from './fixtures';

function content(...args: string[]) {
  return JSON.parse(
    execFileSync('node_modules/.bin/tsx', ['e2e/content-cli.ts', ...args], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!,
  ) as { articles: number };
}

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
  await expect(page.getByTestId('article-count')).toHaveText('共 2 篇，第 1 / 1 页');
  await expect(page.getByTestId('article-count-note')).toHaveCount(0);

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

test('a filter saved as a view comes back with its count, mine only; an admin shares one with everyone', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  for (const title of ['视图测试 一', '视图测试 二', '视图测试 三']) {
    await page.goto('/admin/articles/new');
    await page.getByLabel('标题').fill(title);
    await page.getByRole('button', { name: '创建草稿' }).click();
    await expect(page.getByTestId('article-status')).toHaveText('草稿');
  }
  await page.goto(`/admin/articles?q=${encodeURIComponent('视图测试')}&sort=title&dir=asc`);
  const saving = page.getByRole('form', { name: '保存当前视图' });
  await saving.getByLabel('将当前筛选和排序保存为视图').fill('视图测试草稿');
  // Sharing is for admins: an editor has no such choice.
  await expect(saving.getByLabel('共享给所有人')).toHaveCount(0);
  await saving.getByRole('button', { name: '保存视图' }).click();
  await expect(saving.getByRole('status')).toHaveText('视图已保存');

  // From the unfiltered table, the view brings the filter and the sort back, with its count.
  await page.goto('/admin/articles');
  const view = page.getByRole('list', { name: '视图' }).getByRole('link', { name: '视图测试草稿（3）' });
  await view.click();
  await expect(page).toHaveURL(/q=%E8%A7%86%E5%9B%BE%E6%B5%8B%E8%AF%95/);
  await expect(page).toHaveURL(/sort=title&dir=asc/);
  await expect(page.getByRole('table', { name: '文章列表' }).locator('tbody tr')).toHaveCount(3);

  // Another person does not see it; an admin's shared view everyone does.
  const admin = await pageAs(browser, 'admin');
  await admin.goto('/admin/articles?status=DRAFT');
  await expect(admin.getByRole('link', { name: /视图测试草稿/ })).toHaveCount(0);
  const adminSaving = admin.getByRole('form', { name: '保存当前视图' });
  await adminSaving.getByLabel('将当前筛选和排序保存为视图').fill('所有草稿（共享）');
  await adminSaving.getByLabel('共享给所有人').check();
  await adminSaving.getByRole('button', { name: '保存视图' }).click();
  await expect(adminSaving.getByRole('status')).toHaveText('视图已保存');
  await page.reload();
  await expect(page.getByRole('list', { name: '视图' }).getByRole('link', { name: /^所有草稿（共享）（\d+）$/ })).toBeVisible();

  // The editor deletes their own view.
  await page.getByRole('button', { name: '删除视图 视图测试草稿' }).click();
  await expect(page.getByRole('link', { name: /视图测试草稿/ })).toHaveCount(0);
  await admin.getByRole('button', { name: '删除视图 所有草稿（共享）' }).click();
  await expect(admin.getByRole('link', { name: /所有草稿（共享）/ })).toHaveCount(0);
  await admin.context().close();
  await page.context().close();
});

test('a keyword in very many articles: an estimated total, pages up to a bound, filters still counted exactly', async ({ browser }) => {
  // More drafts holding the word than the table counts exactly (5,000 by the planner's estimate).
  expect(content('many-drafts', '--title', '鹈鹕', '--count', '6000').articles).toBe(6000);
  try {
    const page = await pageAs(browser, 'editor');
    const rows = page.getByRole('table', { name: '文章列表' }).locator('tbody tr');
    const count = page.getByTestId('article-count');
    const note = page.getByTestId('article-count-note');
    const q = encodeURIComponent('鹈鹕');

    await page.goto(`/admin/articles?q=${q}`);
    await expect(count).toHaveText(/^约 [\d,]+ 篇，第 1 \/ 50 页$/);
    await expect(note).toContainText('只能按当前排序翻阅前 1,000 篇');
    await expect(note).not.toContainText('已到最后一页');
    await expect(rows).toHaveCount(20);
    // Newest change first, as without a keyword.
    await expect(rows.first().getByRole('link', { name: '鹈鹕 1', exact: true })).toBeVisible();
    await page.getByRole('link', { name: '下一页' }).click();
    await expect(count).toHaveText(/第 2 \/ 50 页$/);
    await expect(rows.first().getByRole('link', { name: '鹈鹕 21', exact: true })).toBeVisible();

    // A page past the bound shows the last reachable one, under its own URL.
    await page.goto(`/admin/articles?q=${q}&page=300`);
    await expect(page).toHaveURL(/[?&]page=50(&|$)/);
    await expect(count).toHaveText(/第 50 \/ 50 页$/);
    await expect(note).toContainText('已到最后一页');
    await expect(rows.first().getByRole('link', { name: '鹈鹕 981', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: '下一页' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: '上一页' })).toBeVisible();

    // The other end is the reversed order.
    await page.goto(`/admin/articles?q=${q}&dir=asc`);
    await expect(rows.first().getByRole('link', { name: '鹈鹕 6000', exact: true })).toBeVisible();

    // A filter that few of them pass: counted exactly again.
    await page.goto(`/admin/articles?q=${q}&status=PUBLISHED`);
    await expect(count).toHaveText('共 0 篇，第 1 / 1 页');
    await expect(note).toHaveCount(0);
    await page.context().close();
  } finally {
    content('remove-many-drafts', '--title', '鹈鹕');
  }
});
