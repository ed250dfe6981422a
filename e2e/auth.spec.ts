import { expect, test } from '@playwright/test';
import { pageAs, signIn } from './fixtures';
import { e2eUsers } from './users';

test('the admin area needs a signed-in user', async ({ page }) => {
  await page.goto('/admin/articles');
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Farticles/);
  await expect(page.getByRole('heading', { name: '保答 CMS' })).toBeVisible();
});

test('a wrong password gets a clear message and no session', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(e2eUsers.editor.email);
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '邮箱或密码不正确' })).toBeVisible();
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/login/);
});

test('signing in and out', async ({ page }) => {
  await signIn(page, 'reviewer');
  await expect(page.getByRole('link', { name: '审核队列' })).toBeVisible();
  // A reviewer does not import: the navigation does not offer it and the page refuses.
  await expect(page.getByRole('link', { name: '导入' })).toHaveCount(0);
  await page.goto('/admin/import');
  await expect(page.getByRole('alert').filter({ hasText: '没有访问该页面的权限' })).toBeVisible();
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/login/);
});

test('an admin creates a user, who sets a password by link; deactivating them ends their session at once', async ({ browser }) => {
  const admin = await pageAs(browser, 'admin');
  await admin.getByRole('link', { name: '用户' }).click();
  await admin.getByLabel('姓名').fill('临时编辑');
  await admin.getByLabel('邮箱').fill('temp-editor@e2e.test');
  await admin.getByRole('button', { name: '创建' }).click();
  const row = admin.getByTestId('user-temp-editor@e2e.test');
  await expect(row).toContainText('正常');
  const link = await admin.getByTestId('password-link').textContent();

  const temp = await (await browser.newContext()).newPage();
  await temp.goto(new URL(link!).pathname);
  await temp.getByLabel('新密码', { exact: true }).fill('temporary-pass-phrase');
  await temp.getByLabel('再次输入新密码').fill('temporary-pass-phrase');
  await temp.getByRole('button', { name: '设置密码' }).click();
  await temp.getByLabel('邮箱').fill('temp-editor@e2e.test');
  await temp.getByLabel('密码').fill('temporary-pass-phrase');
  await temp.getByRole('button', { name: '登录' }).click();
  await expect(temp.getByTestId('current-user')).toContainText('临时编辑');

  await row.getByRole('button', { name: '停用' }).click();
  await expect(row).toContainText('已停用');

  await temp.goto('/admin/articles');
  await expect(temp).toHaveURL(/\/login/);
  await admin.context().close();
  await temp.context().close();
});

test('a user changes their own password: the current one is required, the policy applies, other sessions end', async ({ browser }) => {
  const here = await pageAs(browser, 'admin');
  const elsewhere = await pageAs(browser, 'admin');
  await here.getByRole('link', { name: '我的账户' }).click();
  const change = async (current: string, next: string) => {
    await here.getByLabel('当前密码').fill(current);
    await here.getByLabel('新密码', { exact: true }).fill(next);
    await here.getByLabel('再次输入新密码').fill(next);
    await here.getByRole('button', { name: '修改密码' }).click();
  };
  await change('not-my-password', 'a-fresh-chief-phrase');
  await expect(here.getByRole('alert').filter({ hasText: '当前密码不正确' })).toBeVisible();
  await change(e2eUsers.admin.password, 'short');
  await expect(here.getByRole('alert').filter({ hasText: '密码至少 12 个字符' })).toBeVisible();
  await change(e2eUsers.admin.password, 'a-fresh-chief-phrase');
  await expect(here.getByRole('status').filter({ hasText: '密码已修改' })).toBeVisible();
  await elsewhere.goto('/admin');
  await expect(elsewhere).toHaveURL(/\/login/);
  // Back to the password the other journeys use.
  await change('a-fresh-chief-phrase', e2eUsers.admin.password);
  await expect(here.getByRole('status').filter({ hasText: '密码已修改' })).toBeVisible();
  await here.context().close();
  await elsewhere.context().close();
});
