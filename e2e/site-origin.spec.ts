import { expect, test } from '@playwright/test';
import { e2eUsers } from './users';

// Redirects stay on the configured origin (SITE_URL: playwright.config.ts sets it to the tests'
// base URL) whatever host or scheme a request claims, through X-Forwarded-* or Host.
const forged = { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https', 'X-Forwarded-Port': '443', Forwarded: 'host=evil.example;proto=https' };

/**
 * Next's request URLs (NextURL) spell every loopback address as `localhost`, so on the tests' site
 * (http://127.0.0.1:PORT) Auth.js writes localhost; for a real SITE_URL (a domain) nothing changes.
 */
const loopback = (url: URL) => `${url.protocol}//${['127.0.0.1', '[::1]'].includes(url.hostname) ? 'localhost' : url.hostname}:${url.port}`;

function expectOnSite(location: string | undefined, origin: string) {
  expect(location, 'a Location header').toBeTruthy();
  // A relative Location stays on the site by definition; an absolute one must name its origin.
  expect(loopback(new URL(location!, origin)), location).toBe(loopback(new URL(origin)));
}

test('the sign-in redirect from /admin stays on the site', async ({ request, baseURL }) => {
  for (const headers of [forged, { ...forged, Host: 'evil.example' }]) {
    const response = await request.get('/admin/articles', { headers, maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expectOnSite(response.headers().location, baseURL!);
    expect(new URL(response.headers().location, baseURL).pathname).toBe('/login');
  }
});

test("Auth.js's endpoints redirect only to the site", async ({ request, baseURL }) => {
  const cases = [
    request.get('/api/auth/signin', { headers: forged, maxRedirects: 0 }),
    request.get('/api/auth/signin?callbackUrl=https%3A%2F%2Fevil.example%2F', { headers: forged, maxRedirects: 0 }),
    request.get('/api/auth/callback/credentials', { headers: forged, maxRedirects: 0 }),
    request.post('/api/auth/signout', { headers: forged, maxRedirects: 0, form: { callbackUrl: 'https://evil.example/' } }),
    request.post('/api/auth/callback/credentials', {
      headers: forged,
      maxRedirects: 0,
      form: { email: 'nobody@e2e.test', password: 'x', callbackUrl: 'https://evil.example/' },
    }),
  ];
  for (const response of await Promise.all(cases)) {
    expect(response.status(), response.url()).toBeGreaterThanOrEqual(300);
    expect(response.status(), response.url()).toBeLessThan(400);
    expectOnSite(response.headers().location, baseURL!);
    // Links Auth.js puts in the Location (callbackUrl) are on the site too.
    const callback = new URL(response.headers().location, baseURL).searchParams.get('callbackUrl');
    if (callback) expectOnSite(callback, baseURL!);
  }
});

test('signing in with forged forwarding headers lands on the site, signed in', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' } });
  const page = await context.newPage();
  const redirects: string[] = [];
  page.on('response', (response) => {
    const location = response.headers().location ?? response.headers()['x-action-redirect'];
    if (location) redirects.push(location);
  });
  await page.goto('/admin/import');
  await expect(page).toHaveURL(`${baseURL}/login?next=%2Fadmin%2Fimport`);
  await page.getByLabel('邮箱').fill(e2eUsers.editor.email);
  await page.getByLabel('密码').fill(e2eUsers.editor.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toContainText(e2eUsers.editor.name);
  expect(new URL(page.url()).origin).toBe(baseURL);
  for (const location of redirects) expectOnSite(location.split(';')[0], baseURL!);
  await context.close();
});
