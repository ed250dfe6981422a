import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { pageAs } from './fixtures';

// A reader searches from the header of any public page and opens a result; an admin edits the
// synonym groups and the public search follows them at once.
test.describe.configure({ mode: 'serial' });

const sample = '002_61664b8a0a0df384.txt'; // 如何在居住地购买城乡居民医疗保险 (mentions 幼儿园)
let slug = '';

test.beforeAll(() => {
  // Other specs publish this sample under other titles: this one sets its own.
  const out = execFileSync('node_modules/.bin/tsx', ['e2e/content-cli.ts', 'publish', sample, '--title', '如何在居住地购买城乡居民医疗保险'], {
    encoding: 'utf8',
  });
  slug = (JSON.parse(out.trim().split('\n').pop()!) as { slug: string }).slug;
});

test('a reader searches from the header and opens a result', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('search').first();
  await box.getByRole('searchbox').fill('幼儿园');
  await box.getByRole('button', { name: '搜索' }).click();
  await expect(page).toHaveURL(/\/search\?q=%E5%B9%BC%E5%84%BF%E5%9B%AD/);
  await expect(page.getByRole('status').filter({ hasText: '条结果' })).toContainText(/共 \d+ 条结果/);
  const results = page.getByRole('list', { name: '搜索结果' });
  await expect(results.locator('mark').first()).toHaveText('幼儿园');
  // Result pages are not for search engines' indexes; the search page itself is.
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  expect(await (await page.request.get('/search')).text()).not.toContain('name="robots"');
  await results.getByRole('link', { name: '如何在居住地购买城乡居民医疗保险' }).first().click();
  await expect(page).toHaveURL(new RegExp(`/a/${slug}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('如何在居住地购买城乡居民医疗保险');
});

test('an empty query shows the box, a query without results says so', async ({ page }) => {
  await page.goto('/search');
  await expect(page.getByRole('heading', { name: '搜索', level: 1 })).toBeVisible();
  await expect(page.getByRole('list', { name: '搜索结果' })).toHaveCount(0);
  await page.goto(`/search?q=${encodeURIComponent("' & | ! 不存在的词语甲乙丙")}`);
  await expect(page.getByText('没有找到与')).toBeVisible();
});

test('an admin edits the synonym groups and the public search follows', async ({ browser, page }) => {
  await page.goto(`/search?q=${encodeURIComponent('托育园所')}`);
  await expect(page.getByText('没有找到与')).toBeVisible();

  const admin = await pageAs(browser, 'admin');
  await admin.goto('/admin/settings/synonyms');
  await expect(admin.getByRole('heading', { name: '搜索同义词' })).toBeVisible();
  await expect(admin.getByRole('link', { name: '← 设置' })).toHaveAttribute('href', '/admin/settings');
  await admin.getByLabel('新的同义词组').fill('幼儿园、托育园所');
  await admin.getByRole('button', { name: '添加' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '同义词组已保存' })).toBeVisible();
  const group = admin.getByTestId('synonym-group').filter({ has: admin.locator('input[value="幼儿园、托育园所"]') });
  await expect(group).toHaveCount(1);

  // A change of the groups expires the cached results.
  await expect
    .poll(
      async () => {
        await page.goto(`/search?q=${encodeURIComponent('托育园所')}`);
        return page.getByRole('list', { name: '搜索结果' }).getByRole('link', { name: '如何在居住地购买城乡居民医疗保险' }).count();
      },
      { timeout: 5_000 },
    )
    .toBeGreaterThan(0);

  // Edit: a one-word group is refused, with the reason.
  await group.getByLabel('同义词', { exact: true }).fill('幼儿园');
  await group.getByRole('button', { name: '保存' }).click();
  await expect(admin.getByRole('alert').filter({ hasText: '一组至少需要两个词' })).toBeVisible();
  // The refused words stay in the field, to be corrected; nothing was saved.
  const edited = admin.getByTestId('synonym-group').filter({ has: admin.locator('input[value="幼儿园"]') });
  await expect(edited.getByLabel('同义词', { exact: true })).toHaveValue('幼儿园');
  await expect(edited.getByLabel('同义词', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  await edited.getByRole('button', { name: /删除同义词组/ }).click();
  await expect(admin.getByTestId('synonym-group').filter({ has: admin.locator('input[value="幼儿园、托育园所"]') })).toHaveCount(0);
  await expect
    .poll(
      async () => {
        await page.goto(`/search?q=${encodeURIComponent('托育园所')}`);
        return page.getByText('没有找到与').count();
      },
      { timeout: 5_000 },
    )
    .toBe(1);
  await admin.context().close();
});

test('an editor cannot open the synonym settings', async ({ browser }) => {
  const editor = await pageAs(browser, 'editor');
  await editor.goto('/admin/settings/synonyms');
  await expect(editor.getByRole('heading', { name: '搜索同义词' })).toHaveCount(0);
  await editor.context().close();
});
