import { expect, test, type Browser, type Page } from '@playwright/test';
import { totpCodeAt } from '../lib/auth/totp';
import { pageAs } from './fixtures';

// One new colleague, from the admin's invitation to two-factor sign-in and back.
const colleague = { name: '两步编辑', email: 'two-step@e2e.test', password: 'tea-garden-at-dawn' };
const step = 30_000;

/** A six-digit code that is certainly wrong now (not the code of any step near the present). */
function wrongCode(secret: string, salt = 0): string {
  const near = new Set([-2, -1, 0, 1, 2].map((k) => totpCodeAt({ secret, now: Date.now() + k * step })));
  let code = 100000 + salt * 7919;
  while (near.has(String(code))) code += 1;
  return String(code);
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

async function passwordStep(page: Page) {
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(colleague.email);
  await page.getByLabel('密码').fill(colleague.password);
  await page.getByRole('button', { name: '登录' }).click();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);
}

test('invitation link, TOTP enrolment, sign-in with a code and a recovery code, a throttled wrong code, admin reset', async ({ browser }) => {
  // The admin invites the colleague and hands over the one-time link.
  const admin = await pageAs(browser, 'admin');
  await admin.getByRole('link', { name: '用户' }).click();
  await admin.getByLabel('姓名').fill(colleague.name);
  await admin.getByLabel('邮箱').fill(colleague.email);
  await admin.getByRole('button', { name: '创建' }).click();
  const link = await admin.getByTestId('password-link').textContent();
  expect(link).toMatch(/\/reset-password\/[\w-]{43}$/);

  // The colleague sets a password; a common one is refused first.
  const page = await newPage(browser);
  await page.goto(new URL(link!).pathname);
  await page.getByLabel('新密码', { exact: true }).fill('password1234');
  await page.getByLabel('再次输入新密码').fill('password1234');
  await page.getByRole('button', { name: '设置密码' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '这个密码太常见' })).toBeVisible();
  await page.getByLabel('新密码', { exact: true }).fill(colleague.password);
  await page.getByLabel('再次输入新密码').fill(colleague.password);
  await page.getByRole('button', { name: '设置密码' }).click();
  await expect(page.getByRole('status').filter({ hasText: '密码已设置' })).toBeVisible();
  // The link worked once.
  await page.goto(new URL(link!).pathname);
  await expect(page.getByRole('alert').filter({ hasText: '链接无效或已过期' })).toBeVisible();

  // Enrolment: scan (here: read) the secret, confirm with a code, keep the recovery codes.
  await passwordStep(page);
  await expect(page.getByTestId('current-user')).toContainText(colleague.name);
  await page.getByRole('link', { name: '我的账户' }).click();
  await page.getByRole('button', { name: '启用两步验证' }).click();
  await expect(page.getByRole('img', { name: '两步验证二维码' })).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').textContent())!;
  await page.getByLabel('2. 输入应用显示的 6 位验证码').fill(totpCodeAt({ secret }));
  await page.getByRole('button', { name: '确认启用' }).click();
  await expect(page.getByRole('status').filter({ hasText: '两步验证已启用' })).toBeVisible();
  const recoveryCodes = await page.getByRole('list', { name: '恢复码' }).getByRole('listitem').allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  await signOut(page);

  // Sign-in now asks for a code; a wrong one is refused.
  await passwordStep(page);
  await expect(page.getByLabel('验证码或恢复码')).toBeVisible();
  await page.getByLabel('验证码或恢复码').fill(wrongCode(secret));
  await page.getByRole('button', { name: '验证' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '验证码不正确' })).toBeVisible();
  // The next step's code: the enrolment's was used up, and the server accepts one step of drift.
  await page.getByLabel('验证码或恢复码').fill(totpCodeAt({ secret, now: Date.now() + step }));
  await page.getByRole('button', { name: '验证' }).click();
  await expect(page.getByTestId('current-user')).toContainText(colleague.name);
  await signOut(page);

  // Without the phone: a recovery code, once.
  await passwordStep(page);
  await page.getByLabel('验证码或恢复码').fill(recoveryCodes[0]);
  await page.getByRole('button', { name: '验证' }).click();
  await expect(page.getByTestId('current-user')).toContainText(colleague.name);
  await page.getByRole('link', { name: '我的账户' }).click();
  await expect(page.getByText('剩余 9 个未使用的恢复码')).toBeVisible();
  await signOut(page);

  // Guessing codes is throttled like guessing passwords: after 10 wrong codes even a right one waits.
  await passwordStep(page);
  for (let i = 0; i < 10; i += 1) {
    await page.getByLabel('验证码或恢复码').fill(wrongCode(secret, i));
    await page.getByRole('button', { name: '验证' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '验证码不正确' })).toBeVisible();
  }
  await page.getByLabel('验证码或恢复码').fill(totpCodeAt({ secret, now: Date.now() + step }));
  await page.getByRole('button', { name: '验证' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '验证码错误次数过多' })).toBeVisible();

  // The admin resets the lost second factor; the colleague signs in with the password alone.
  await admin.reload();
  const row = admin.getByTestId(`user-${colleague.email}`);
  await expect(row).toContainText('已启用');
  await row.getByRole('button', { name: '重置两步验证' }).click();
  await expect(row).toContainText('未启用');
  await passwordStep(page);
  await expect(page.getByTestId('current-user')).toContainText(colleague.name);
  await admin.context().close();
  await page.context().close();
});

test('an admin can require two-factor sign-in for a role: its members must enrol before anything else', async ({ browser }) => {
  const admin = await pageAs(browser, 'admin');
  await admin.getByRole('link', { name: '设置' }).click();
  // The settings page has a form per section: this is the security one.
  const security = admin.getByRole('region', { name: '安全' });
  await security.getByLabel('审核员').check();
  await security.getByRole('button', { name: '保存' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '设置已保存' })).toBeVisible();

  // Signing in lands on the account page instead of the dashboard.
  const page = await pageAs(browser, 'reviewer');
  await expect(page).toHaveURL(/\/admin\/account/);
  await expect(page.getByRole('alert').filter({ hasText: '请先启用两步验证' })).toBeVisible();
  await page.goto('/admin/review');
  await expect(page).toHaveURL(/\/admin\/account/);
  await expect(page.getByRole('link', { name: '审核队列' })).toHaveCount(0);

  // Undo, so the other journeys' reviewer signs in as before.
  await security.getByLabel('审核员').uncheck();
  await Promise.all([admin.waitForResponse((r) => r.request().method() === 'POST'), security.getByRole('button', { name: '保存' }).click()]);
  await page.goto('/admin/review');
  await expect(page).toHaveURL(/\/admin\/review/);
  await admin.context().close();
  await page.context().close();
});
