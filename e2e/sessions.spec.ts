import { expect, test, type Page } from '@playwright/test';
import { pageAs } from './fixtures';

// The review's finding: after "退出登录" the old session cookie still opened /admin and passed
// server actions. Sessions now live on the server, and signing out ends them.

/** Calls a server action the way the page does and returns the answer's text. */
async function captureAction(page: Page, trigger: () => Promise<void>) {
  const [request] = await Promise.all([page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']), trigger()]);
  return { url: request.url(), headers: request.headers(), body: request.postData() ?? '' };
}

test('signing out ends the session: a copied cookie opens no page and passes no action', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  const cookies = await page.context().cookies();
  await page.goto('/admin/account');
  // A harmless action: starting (not finishing) two-factor enrolment answers with a new secret.
  const action = await captureAction(page, () => page.getByRole('button', { name: '启用两步验证' }).click());
  await expect(page.getByTestId('totp-secret')).toBeVisible();

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);

  // Someone who copied the cookie before the sign-out:
  const thief = await browser.newContext();
  await thief.addCookies(cookies);
  const stolen = await thief.newPage();
  await stolen.goto('/admin');
  await expect(stolen).toHaveURL(/\/login/);
  const replay = await thief.request.post(action.url, { headers: action.headers, data: action.body, maxRedirects: 0 });
  const answer = await replay.text();
  expect(answer).toContain('请先登录');
  expect(answer).not.toContain('otpauth://');
  await thief.close();
  await page.context().close();
});

test('a user sees their sessions and ends one from another browser', async ({ browser }) => {
  const phone = await pageAs(browser, 'reviewer');
  await phone.getByRole('link', { name: '我的账户' }).click();
  const sessions = phone.getByRole('table', { name: '登录会话' });
  await expect(sessions.getByTestId('session-current')).toBeVisible();
  // Other journeys leave reviewer sessions behind: end them first.
  if ((await sessions.getByTestId('session-other').count()) > 0) {
    await phone.getByRole('button', { name: '退出其他所有会话' }).click();
    await expect(sessions.getByTestId('session-other')).toHaveCount(0);
  }
  const laptop = await pageAs(browser, 'reviewer');
  await phone.reload();
  await expect(sessions.getByTestId('session-current')).toContainText('当前会话');
  await expect(sessions.getByTestId('session-other')).toHaveCount(1);
  await expect(sessions.getByTestId('session-other')).toContainText('127.0.0.1');
  await sessions
    .getByTestId('session-other')
    .getByRole('button', { name: /结束会话/ })
    .click();
  await expect(sessions.getByTestId('session-other')).toHaveCount(0);

  await laptop.goto('/admin/articles');
  await expect(laptop).toHaveURL(/\/login/);
  // The browser that ended it is still signed in.
  await phone.goto('/admin/articles');
  await expect(phone.getByTestId('current-user')).toBeVisible();
  await laptop.context().close();
  await phone.context().close();
});
