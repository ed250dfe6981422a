import { expect, test, type Page } from '@playwright/test';
import { pageAs, samplePage, samplePageTitle } from './fixtures';

// One article's whole path, as three people in three browsers and one anonymous reader.
test.describe.configure({ mode: 'serial' });

let articleUrl = '';
let liveSlug = '';
const editedTitle = `${samplePageTitle}（2025年版）`;

async function openArticle(page: Page) {
  await page.goto(articleUrl);
  await expect(page.getByTestId('article-status')).toBeVisible();
}

test('editor imports a page, edits it and submits it for review', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  await page.getByRole('link', { name: '导入' }).click();
  await page.getByLabel('页面文件').setInputFiles([samplePage, 'e2e/files/broken-empty.txt']);
  await page.getByRole('button', { name: '上传并预览' }).click();
  await page.getByRole('button', { name: '确认导入' }).click();
  const report = page.getByRole('region', { name: '导入结果' });
  await expect(report.getByRole('status')).toContainText('新建 1');
  await expect(report.getByRole('status')).toContainText('失败 1');
  await expect(report.locator('tr[data-outcome="failed"]')).toContainText('broken-empty.txt');
  await expect(report.locator('tr[data-outcome="failed"]')).toContainText('文件为空');

  // Importing the same file again changes nothing.
  await page.getByRole('link', { name: '继续导入' }).click();
  await page.getByLabel('页面文件').setInputFiles([samplePage]);
  await page.getByRole('button', { name: '上传并预览' }).click();
  await page.getByRole('button', { name: /^确认导入/ }).click();
  await expect(report.getByRole('status')).toContainText('未变 1');

  await report.getByRole('link', { name: samplePageTitle }).click();
  await expect(page.getByTestId('article-status')).toHaveText('草稿');
  articleUrl = page.url();

  // The body arrived as structure: section heads and lists, not one block of text.
  const editor = page.getByTestId('body-editor');
  await expect(editor.getByRole('heading', { name: '一、参保流程概述' })).toBeVisible();
  await expect(editor.locator('ol').first()).toBeVisible();
  await expect(page.getByTestId('recommendation-item')).toHaveCount(20);

  await page.getByLabel('文章标题').fill(editedTitle);
  await editor.locator('p').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type('（编辑已核实）');
  // Reorder: move the second recommendation to the top, then remove the last one.
  const secondTitle = await page.getByTestId('recommendation-item').nth(1).locator('strong').innerText();
  await page.getByRole('button', { name: `上移：${secondTitle}` }).click();
  await page.getByTestId('recommendation-item').last().getByRole('button', { name: /^删除/ }).click();
  // Tag the page with a region picked by its pinyin initials.
  await page.getByLabel('添加地区').fill('gz');
  await page.getByRole('option', { name: /广东省 \/ 广州市$/ }).click();
  await expect(page.getByRole('list', { name: '地区标签' })).toContainText('广东省 / 广州市');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toContainText('已保存');
  await expect(page.getByTestId('recommendation-item')).toHaveCount(19);
  await expect(page.getByTestId('recommendation-item').first()).toContainText(secondTitle);

  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByTestId('article-status')).toHaveText('审核中');
  await page.context().close();
});

test('the editor cannot approve; the reviewer approves from the queue', async ({ browser }) => {
  const editor = await pageAs(browser, 'editor');
  await openArticle(editor);
  await expect(editor.getByRole('button', { name: '批准' })).toHaveCount(0);
  await editor.context().close();

  const reviewer = await pageAs(browser, 'reviewer');
  await reviewer.getByRole('link', { name: '审核队列' }).click();
  await reviewer.getByRole('link', { name: editedTitle }).click();
  await expect(reviewer.getByText('（编辑已核实）')).toBeVisible();
  await reviewer.getByLabel('审核意见').fill('内容准确。');
  await reviewer.getByRole('button', { name: '批准' }).click();
  await expect(reviewer.getByTestId('article-status')).toHaveText('已批准');
  await reviewer.context().close();
});

test('a draft is not public; the editor publishes and the reader sees it', async ({ browser, page }) => {
  const editor = await pageAs(browser, 'editor');
  await openArticle(editor);
  liveSlug = await editor.getByLabel('链接名（拼音）').inputValue();

  const before = await page.goto(`/a/${liveSlug}`);
  expect(before?.status()).toBe(404);

  await editor.getByRole('button', { name: '发布' }).click();
  await expect(editor.getByTestId('article-status')).toHaveText('已发布');
  await editor.context().close();

  await page.goto('/');
  await page.getByRole('link', { name: editedTitle }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(editedTitle);
  await expect(page.getByText('（编辑已核实）')).toBeVisible();
  await expect(page.getByRole('note')).toContainText('本内容不能代替面诊');
  const recommendations = page.getByRole('region', { name: '相关推荐' });
  await expect(recommendations.getByRole('listitem')).toHaveCount(19);

  // Browsing by region: the city page lists it, and so does its province.
  await page.getByRole('link', { name: '广州市' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('广州市医保问答');
  await expect(page.getByRole('link', { name: editedTitle })).toBeVisible();
  await page.getByRole('navigation', { name: '面包屑' }).getByRole('link', { name: '广东省' }).click();
  await expect(page.getByRole('link', { name: editedTitle })).toBeVisible();
  await page.goto('/months/2025-03');
  await expect(page.getByRole('link', { name: editedTitle })).toBeVisible();
});

test('editing a published article leaves the live page unchanged until it is published again', async ({ browser, page }) => {
  const editor = await pageAs(browser, 'editor');
  await openArticle(editor);
  await editor.getByLabel('文章标题').fill('草稿中的新标题');
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(editor.getByTestId('article-status')).toHaveText('草稿');
  await editor.context().close();

  await page.goto(`/a/${liveSlug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(editedTitle);
  await page.goto('/');
  await expect(page.getByRole('link', { name: '草稿中的新标题' })).toHaveCount(0);
});
