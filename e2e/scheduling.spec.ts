import { execFileSync } from 'node:child_process';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { pageAs } from './fixtures';
import { e2eUsers } from './users';

// Scheduled publishing and bulk workflow steps (issue 12). An approved article scheduled a few
// seconds ahead goes live by itself: the public page, served without JavaScript from the cache,
// answers with it once the time has come, no one touching anything. Then a bulk publish over a
// mixed selection answers row by row. Every article here is this spec's own.
test.describe.configure({ mode: 'serial' });

type Created = { id: string; slug: string; version: number };

function content(...args: string[]): Created {
  return JSON.parse(
    execFileSync('node_modules/.bin/tsx', ['e2e/content-cli.ts', ...args], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!,
  ) as Created;
}

/** A datetime-local value (with seconds) `ms` from now, in China time. */
function chinaTimeIn(ms: number): string {
  return new Date(Date.now() + ms + 8 * 60 * 60 * 1000).toISOString().slice(0, 19);
}

async function publicStatus(request: APIRequestContext, url: string) {
  return (await request.get(url, { maxRedirects: 0 })).status();
}

test('an approved article scheduled a few seconds ahead appears on the public site by itself', async ({ browser, request }) => {
  const title = '定时旅程：到点自动上线';
  const article = content('approve-new', '--title', title);
  // Asked for before: the not-found answer must not outlive the publish.
  expect(await publicStatus(request, `/a/${article.slug}`)).toBe(404);

  const page = await pageAs(browser, 'editor');
  await page.goto(`/admin/articles/${article.id}`);
  await page.getByText('定时发布 / 下线').click();
  await page.getByLabel('操作').selectOption('PUBLISH');
  const runAt = chinaTimeIn(12_000);
  await page.getByLabel('日期和时间（北京时间）').fill(runAt);
  await page.getByRole('button', { name: '安排', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('已安排定时发布');
  const shown = `${runAt.slice(0, 10).replaceAll('-', '/')} ${runAt.slice(11, 16)}`;
  await expect(page.getByTestId('schedule-status')).toContainText(`定时发布：${shown}（北京时间）`);
  await expect(page.getByTestId('schedule-status')).toContainText(`到时发布第 ${article.version} 版，由 ${e2eUsers.editor.name} 安排`);

  // The table shows it and finds it with the schedule filter.
  await page.goto('/admin/articles?scheduled=PUBLISH');
  const row = page.getByRole('row').filter({ hasText: title });
  await expect(row.getByTestId('row-schedule')).toHaveText(`定时发布 ${shown}`);
  expect(await publicStatus(request, `/a/${article.slug}`)).toBe(404);

  // Nobody does anything: the page comes up at its time.
  await expect.poll(() => publicStatus(request, `/a/${article.slug}`), { timeout: 30_000, intervals: [500] }).toBe(200);
  expect(Date.now()).toBeGreaterThanOrEqual(new Date(`${runAt}+08:00`).getTime());
  expect(await (await request.get(`/a/${article.slug}`)).text()).toContain(title);

  await page.goto(`/admin/articles/${article.id}`);
  await expect(page.getByTestId('article-status')).toHaveText('已发布');
  await expect(page.getByTestId('schedule-status')).toHaveCount(0);
  await page.goto('/admin/articles?scheduled=ANY');
  await expect(page.getByRole('row').filter({ hasText: title })).toHaveCount(0);
  await page.context().close();
});

test('a bulk publish over a mixed selection says what happened to every row', async ({ browser, request }) => {
  const approved = ['批量旅程：已批准一', '批量旅程：已批准二'].map((title) => ({ title, ...content('approve-new', '--title', title) }));
  const draftTitle = '批量旅程：还是草稿';
  content('draft', '--title', draftTitle);

  const page = await pageAs(browser, 'reviewer');
  await page.goto('/admin/articles');
  for (const title of [...approved.map((a) => a.title), draftTitle]) await page.getByLabel(`选择：${title}`).check();
  const toolbar = page.getByRole('toolbar', { name: '批量操作' });
  await expect(toolbar.getByTestId('bulk-count')).toHaveText('已选择 3 篇');
  // A reviewer may publish but not edit, submit or trash: only those buttons.
  await expect(toolbar.getByRole('button', { name: '添加地区' })).toHaveCount(0);
  await expect(toolbar.getByRole('button', { name: '提交审核' })).toHaveCount(0);
  await toolbar.getByRole('button', { name: '发布', exact: true }).click();

  const outcome = page.getByTestId('bulk-outcome');
  await expect(outcome).toContainText('2 篇已发布，1 篇未批准，已跳过。');
  await expect(outcome.getByRole('list', { name: '未处理的文章' })).toHaveText(`${draftTitle}：未批准`);
  for (const a of approved) {
    await expect(page.getByRole('row').filter({ hasText: a.title })).toContainText('已发布');
    expect(await publicStatus(request, `/a/${a.slug}`)).toBe(200);
  }
  await page.context().close();
});
