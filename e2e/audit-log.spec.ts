import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { pageAs } from './fixtures';

// The audit log (/admin/audit): an admin narrows it to one article's events and downloads them;
// nobody else can read it.
// A sample the public-quality spec also publishes (as it is, or found again): none expects it new.
const sample = '004_e9231330f69d2e16.txt';

test('an admin filters the audit log to one article and downloads it as CSV; an editor cannot read it', async ({ browser }) => {
  const { slug } = JSON.parse(
    execFileSync('node_modules/.bin/tsx', ['e2e/content-cli.ts', 'publish', sample], { encoding: 'utf8' }).trim().split('\n').pop()!,
  ) as { slug: string };
  expect(slug).toBeTruthy();

  const admin = await pageAs(browser, 'admin');
  await admin.getByRole('navigation', { name: '后台导航' }).getByRole('link', { name: '审计日志' }).click();
  await expect(admin.getByRole('heading', { name: '审计日志' })).toBeVisible();

  // The publish is the newest article event; its title leads to that article's events only.
  await admin.getByLabel('操作', { exact: true }).selectOption({ label: '发布' });
  await admin.getByRole('button', { name: '筛选' }).click();
  const table = admin.getByRole('table', { name: '审计记录' });
  const title = '医保380元一次没用了';
  await table.getByRole('link', { name: title }).first().click();
  await expect(admin).toHaveURL(/article=/);
  // The form follows the address (a client-side navigation): the article's id is in its field.
  await expect(admin.getByLabel('文章 ID')).not.toHaveValue('');
  await admin.getByLabel('操作', { exact: true }).selectOption({ label: '全部' });
  await admin.getByRole('button', { name: '筛选' }).click();
  // The form's GET has loaded: every action (an empty one) of this one article.
  await expect(admin).toHaveURL(/[?&]action=&.*article=\w/);
  const rows = table.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThanOrEqual(4); // import, save, submit, approve, publish …
  for (let i = 0; i < count; i++) await expect(rows.nth(i).getByRole('link', { name: title })).toBeVisible();
  await expect(rows.nth(count - 1)).toContainText('导入文章');
  await expect(rows.first()).toContainText('发布');
  await expect(admin.getByTestId('audit-total')).toHaveText(`共 ${count} 条记录`);

  const csvHref = await admin.getByRole('link', { name: '导出 CSV' }).getAttribute('href');
  const csv = await admin.request.get(csvHref!);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines).toHaveLength(count + 1);
  expect(lines.slice(1).every((line) => line.includes(title))).toBe(true);

  // 清除 (a client-side navigation too) empties the form along with the address.
  await admin.getByLabel('操作', { exact: true }).selectOption({ label: '发布' });
  await admin.getByRole('button', { name: '筛选' }).click();
  await expect(admin).toHaveURL(/action=article\.publish/);
  await admin.getByRole('link', { name: '清除' }).click();
  await expect(admin).toHaveURL(/\/admin\/audit$/);
  await expect(admin.getByLabel('文章 ID')).toHaveValue('');
  await expect(admin.getByLabel('操作', { exact: true })).toHaveValue('');
  await admin.context().close();

  const editor = await pageAs(browser, 'editor');
  await expect(editor.getByRole('link', { name: '审计日志' })).toHaveCount(0);
  await editor.goto('/admin/audit');
  await expect(editor).toHaveURL(/\/admin\?denied=1$/);
  expect((await editor.request.get('/admin/audit/csv')).status()).toBe(403);
  await editor.context().close();
});
