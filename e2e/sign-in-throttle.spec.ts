import { expect, test } from '@playwright/test';
import { e2eUsers } from './users';

// The review's finding: 15 simultaneous wrong passwords for one account were all processed
// (limit 10). The burst goes to the real server as the sign-in form sends it.
test('50 simultaneous wrong passwords: at most 10 are processed, and the real user still signs in', async ({ page, playwright }) => {
  const target = 'burst-target@e2e.test';
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(target);
  await page.getByLabel('密码').fill('wrong-password-0');
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
  await expect(page.getByRole('alert').filter({ hasText: '邮箱或密码不正确' })).toBeVisible();

  // The same request, 50 times at once, from a client without the page's cookies.
  const api = await playwright.request.newContext();
  const answers = await Promise.all(
    Array.from({ length: 50 }, () => api.post(request.url(), { headers: request.headers(), data: request.postData() ?? '' }).then((r) => r.text())),
  );
  const processed = answers.filter((a) => a.includes('邮箱或密码不正确')).length;
  const throttled = answers.filter((a) => a.includes('登录尝试次数过多')).length;
  // The first attempt above counted too.
  expect(processed).toBe(9);
  expect(throttled).toBe(41);
  await api.dispose();

  // Another account from the same address is unaffected.
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(e2eUsers.editor.email);
  await page.getByLabel('密码').fill(e2eUsers.editor.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toContainText(e2eUsers.editor.name);
});
