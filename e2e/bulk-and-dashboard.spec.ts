import { expect, test, type Page } from '@playwright/test';
import { pageAs } from './fixtures';

// An editor tags and dates two pages at once from the article table, then finds them again
// through the dashboard's charts. Region and month are chosen so that other journeys' pages
// (sample pages are dated 2025-03/04 and tagged in 广东/河南) do not share their bars.
const titles = ['批量测试 甲', '批量测试 乙'];
const bystander = '批量测试 丙';

/** The 15th of the month `monthsAgo` months before this one, in China time. */
function dateMonthsAgo(monthsAgo: number): { iso: string; monthLabel: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const [year, month] = today.split('-').map(Number);
  const d = new Date(Date.UTC(year, month - 1 - monthsAgo, 15));
  return { iso: d.toISOString().slice(0, 10), monthLabel: `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月` };
}

async function createDraft(page: Page, title: string) {
  await page.goto('/admin/articles/new');
  await page.getByLabel('标题').fill(title);
  await page.getByRole('button', { name: '创建草稿' }).click();
  await expect(page.getByTestId('article-status')).toHaveText('草稿');
}

function row(page: Page, title: string) {
  return page.getByRole('table', { name: '文章列表' }).locator('tbody tr', { hasText: title });
}

test('an editor tags and dates selected rows, and the dashboard links back to them', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  for (const title of [...titles, bystander]) await createDraft(page, title);
  const { iso, monthLabel } = dateMonthsAgo(7);

  await page.goto(`/admin/articles?q=${encodeURIComponent('批量测试')}`);
  await expect(page.getByRole('table', { name: '文章列表' }).locator('tbody tr')).toHaveCount(3);
  // Select-all selects the page; then leave the bystander out.
  await page.getByLabel('选择本页全部文章').check();
  await expect(page.getByTestId('bulk-count')).toHaveText('已选择 3 篇');
  await page.getByLabel(`选择：${bystander}`).uncheck();
  await expect(page.getByTestId('bulk-count')).toHaveText('已选择 2 篇');
  await expect(page.getByLabel('选择本页全部文章')).not.toBeChecked();

  const toolbar = page.getByRole('toolbar', { name: '批量操作' });
  await toolbar.getByRole('button', { name: '添加地区' }).click();
  await page.getByLabel('要添加的地区').fill('lasa');
  await page.getByRole('option', { name: /西藏自治区 \/ 拉萨市$/ }).click();
  await page.getByRole('button', { name: '添加到 2 篇' }).click();
  await expect(page.getByRole('status')).toHaveText('已更新 2 篇。');
  for (const title of titles) await expect(row(page, title)).toContainText('拉萨市');
  await expect(row(page, bystander)).not.toContainText('拉萨市');
  // The selection is cleared after a change.
  await expect(page.getByRole('toolbar', { name: '批量操作' })).toHaveCount(0);

  for (const title of titles) await page.getByLabel(`选择：${title}`).check();
  await toolbar.getByRole('button', { name: '设置内容日期' }).click();
  await page.getByLabel('内容日期', { exact: true }).fill(iso);
  await page.getByRole('button', { name: '设置到 2 篇' }).click();
  await expect(page.getByRole('status')).toHaveText('已更新 2 篇。');
  for (const title of titles) await expect(row(page, title)).toContainText(iso);
  await expect(row(page, bystander)).not.toContainText(iso);

  // Each edit was a new version of the article.
  await row(page, titles[0]).getByRole('link', { name: titles[0] }).click();
  await expect(page.getByTestId('article-status')).toHaveText('草稿');
  await expect(page.getByText('拉萨市').first()).toBeVisible();

  // Dashboard: the charts render without warnings, and the 西藏 bar's "unpublished" part opens
  // the table filtered to the province.
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  await page.goto('/admin');
  await expect(page.getByTestId('chart-by-month').locator('svg.recharts-surface').first()).toBeVisible();
  const byProvince = page.getByTestId('chart-by-province');
  await byProvince.getByRole('link', { name: /^西藏自治区 未发布 \d+ 篇$/ }).click();
  expect(problems).toEqual([]);
  await expect(page).toHaveURL(/region=540000/);
  await expect(page).toHaveURL(/status=UNPUBLISHED/);
  for (const title of titles) await expect(row(page, title)).toBeVisible();
  await expect(row(page, bystander)).toHaveCount(0);
  await expect(page.getByLabel('状态')).toHaveValue('UNPUBLISHED');

  // And the month of their content date.
  await page.goto('/admin');
  await page
    .getByTestId('chart-by-month')
    .getByRole('link', { name: new RegExp(`^${monthLabel} 未发布 \\d+ 篇$`) })
    .click();
  await expect(page).toHaveURL(new RegExp(`from=${iso.slice(0, 8)}01`));
  for (const title of titles) await expect(row(page, title)).toBeVisible();
  await expect(row(page, bystander)).toHaveCount(0);
  await page.context().close();
});

test('a reviewer selects rows for the publishing steps only, never the edits', async ({ browser }) => {
  const page = await pageAs(browser, 'reviewer');
  await page.goto('/admin/articles');
  await expect(page.getByRole('table', { name: '文章列表' })).toBeVisible();
  // Reviewers may publish (issue 12: bulk workflow steps), so they select rows …
  await page.getByLabel('选择本页全部文章').check();
  const toolbar = page.getByRole('toolbar', { name: '批量操作' });
  await expect(toolbar.getByRole('button', { name: '发布', exact: true })).toBeVisible();
  // … but get no edit, submit or trash buttons.
  for (const name of ['添加地区', '移除地区', '设置内容日期', '提交审核', '移到回收站']) await expect(toolbar.getByRole('button', { name })).toHaveCount(0);
  await page.context().close();
});
