import { expect, test, type Page } from '@playwright/test';
import { e2eUsers } from './users';

// The review's finding: /login?next=/admin/../%5Cevil.example/phish sent the browser to
// http://evil.example/phish after a correct password. `next` is now resolved on the site's origin
// before it is checked, and the sign-in lands on the resolved admin path or on /admin.

async function signInThroughForm(page: Page) {
  await page.getByLabel('邮箱').fill(e2eUsers.editor.email);
  await page.getByLabel('密码').fill(e2eUsers.editor.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toContainText(e2eUsers.editor.name);
}

/** Every host the page asks for from here on. */
function hostsAsked(page: Page): Set<string> {
  const hosts = new Set<string>();
  page.on('request', (request) => hosts.add(new URL(request.url()).host));
  return hosts;
}

for (const next of ['/admin/../%5Cevil.example/phish', '%5C%5Cevil.example', '/%5C%5Cevil.example/admin', '//evil.example/admin', '/%09/evil.example/admin']) {
  test(`a sign-in with next=${next} lands on /admin of this site`, async ({ browser, baseURL }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const hosts = hostsAsked(page);
    await page.goto(`/login?next=${next}`);
    await signInThroughForm(page);
    await expect(page).toHaveURL(`${baseURL}/admin`);
    expect([...hosts]).toEqual([new URL(baseURL!).host]);

    // Signed in, the sign-in page sends the visitor on by the same rule.
    await page.goto(`/login?next=${next}`);
    await expect(page).toHaveURL(`${baseURL}/admin`);
    expect([...hosts]).toEqual([new URL(baseURL!).host]);
    await context.close();
  });
}

test('a signed-out visit to a filtered admin list returns there, query and all, after signing in', async ({ page, baseURL }) => {
  await page.goto('/admin/articles?status=DRAFT');
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Farticles%3Fstatus%3DDRAFT$/);
  await signInThroughForm(page);
  await expect(page).toHaveURL(`${baseURL}/admin/articles?status=DRAFT`);
});
