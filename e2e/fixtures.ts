import { expect, type Browser, type Page } from '@playwright/test';
import { e2eUsers, type E2eRole } from './users';

export async function signIn(page: Page, role: E2eRole): Promise<void> {
  const user = e2eUsers[role];
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(user.email);
  await page.getByLabel('密码').fill(user.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toContainText(user.name);
}

/** A fresh browser context signed in as `role` (one person at their own computer). */
export async function pageAs(browser: Browser, role: E2eRole): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, role);
  return page;
}

export const samplePage = 'prisma/sample-pages/002_61664b8a0a0df384.txt';
export const samplePageTitle = '如何在居住地购买城乡居民医疗保险';
