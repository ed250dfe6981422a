import { expect, test } from '@playwright/test';
import { pageAs } from './fixtures';

// Region suggestions, the cascading picker and policy years, as an editor works with them.
// The fixture is sample page 003 under a title naming two cities, with a policy year in its body.
test.describe.configure({ mode: 'serial' });

const fixture = 'e2e/files/guangzhou-foshan-stop.txt';
const title = '广州、佛山居民医保停保怎么办理';
let articleUrl = '';

test('the editor accepts one suggestion, rejects the other and adds a county through the cascade', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  await page.getByRole('link', { name: '导入' }).click();
  await page.getByLabel('页面文件').setInputFiles([fixture]);
  await page.getByRole('button', { name: '上传并预览' }).click();
  await page.getByRole('button', { name: '确认导入' }).click();
  const report = page.getByRole('region', { name: '导入结果' });
  await expect(report.getByRole('status')).toContainText('新建 1');
  await report.getByRole('link', { name: title }).click();
  await expect(page.getByTestId('article-status')).toHaveText('草稿');
  articleUrl = page.url();

  // The importer's suggestions, each with its confidence.
  const suggestions = page.getByRole('list', { name: '地区建议' });
  await expect(suggestions.getByRole('listitem')).toHaveCount(2);
  await expect(suggestions).toContainText('建议：广州市 75%');
  await expect(suggestions).toContainText('建议：佛山市 75%');

  // Policy years stated by the title and body, next to the content date.
  await expect(page.getByRole('list', { name: '政策年份' })).toHaveText('2024年');
  await expect(page.getByTestId('published-at')).toHaveText('未发布');

  await page.getByRole('button', { name: '接受 广州市' }).click();
  await page.getByRole('button', { name: '拒绝 佛山市' }).click();
  await expect(suggestions).toHaveCount(0);
  const tags = page.getByRole('list', { name: '地区标签' });
  await expect(tags).toContainText('广东省 / 广州市');
  await expect(page.getByTestId('rejected-regions')).toContainText('佛山市');

  // 广东省 → 广州市 → 天河区, each level loaded from the server.
  await page.getByLabel('省份').selectOption({ label: '广东省' });
  await page.getByLabel('城市').selectOption({ label: '广州市' });
  await page.getByLabel('区县').selectOption({ label: '天河区' });
  await page.getByRole('button', { name: '添加所选地区' }).click();
  await expect(tags).toContainText('广东省 / 广州市 / 天河区');

  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toContainText('已保存');

  await page.reload();
  await expect(tags.getByRole('listitem')).toHaveCount(2);
  await expect(tags).toContainText('广东省 / 广州市');
  await expect(tags).toContainText('广东省 / 广州市 / 天河区');
  await expect(page.getByTestId('region-suggestions')).toHaveCount(0);
  await expect(page.getByText('佛山市')).toHaveCount(0);
  await page.context().close();
});

test('a municipality lists its counties at once, and search finds regions by initials', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  await page.goto(articleUrl);
  await page.getByLabel('省份').selectOption({ label: '北京市' });
  await expect(page.getByLabel('城市')).toBeDisabled();
  await page.getByLabel('区县').selectOption({ label: '朝阳区' });
  await page.getByRole('button', { name: '添加所选地区' }).click();
  const tags = page.getByRole('list', { name: '地区标签' });
  await expect(tags).toContainText('北京市 / 朝阳区');
  // Re-tagging the rejected city by hand is allowed (and takes back the rejection).
  await page.getByLabel('添加地区').fill('fs');
  await page.getByRole('option', { name: /广东省 \/ 佛山市$/ }).click();
  await expect(tags).toContainText('广东省 / 佛山市');
  await page.getByRole('button', { name: '移除地区 朝阳区' }).click();
  await page.getByRole('button', { name: '移除地区 佛山市' }).click();
  await expect(tags.getByRole('listitem')).toHaveCount(2);
  await page.context().close();
});

test('a published page with last year’s rules shows in the freshness view and its years on the public page', async ({ browser, page }) => {
  const editor = await pageAs(browser, 'editor');
  await editor.goto(articleUrl);
  await editor.getByRole('button', { name: '提交审核' }).click();
  await expect(editor.getByTestId('article-status')).toHaveText('审核中');

  const reviewer = await pageAs(browser, 'reviewer');
  await reviewer.goto(articleUrl);
  await reviewer.getByRole('button', { name: '批准' }).click();
  await expect(reviewer.getByTestId('article-status')).toHaveText('已批准');
  await reviewer.context().close();

  await editor.reload();
  await editor.getByRole('button', { name: '发布' }).click();
  await expect(editor.getByTestId('article-status')).toHaveText('已发布');
  await expect(editor.getByTestId('published-at')).toHaveText(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
  const slug = await editor.getByLabel('链接名（拼音）').inputValue();

  await editor.getByRole('navigation', { name: '后台导航' }).getByRole('link', { name: '政策时效' }).click();
  const table = editor.getByRole('table', { name: '可能过期的文章' });
  const row = table.getByRole('row').filter({ hasText: title });
  await expect(row).toContainText('2024年');
  await row.getByRole('link', { name: '编辑' }).click();
  await expect(editor).toHaveURL(articleUrl);
  await editor.context().close();

  await page.goto(`/a/${slug}`);
  await expect(page.getByTestId('policy-years')).toHaveText('政策年份：2024年');
});
