import { readFileSync } from 'node:fs';
import { expect, test, type APIResponse, type BrowserContext } from '@playwright/test';
import { pageAs, samplePage, samplePageTitle, signIn } from './fixtures';

// Security headers on every kind of response, and a walk through the pages whose scripts and styles
// a Content-Security-Policy could break (recharts, Tiptap, the import pages, the public site), with
// every CSP violation the browser reports collected.
test.describe.configure({ mode: 'serial' });

function policy(response: APIResponse): Map<string, string[]> {
  const value = response.headers()['content-security-policy'];
  expect(value, `CSP on ${response.url()}`).toBeTruthy();
  return new Map(
    value
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
}

function nonceOf(response: APIResponse): string {
  const source = policy(response)
    .get('script-src')
    ?.find((s) => s.startsWith("'nonce-"));
  expect(source, `nonce in script-src of ${response.url()}`).toBeTruthy();
  return source!.slice("'nonce-".length, -1);
}

function expectCommonHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  for (const feature of ['camera', 'microphone', 'geolocation']) expect(headers['permissions-policy']).toContain(`${feature}=()`);
  // The tests' site is http://127.0.0.1: no HSTS (it would pin the browser to https).
  expect(headers['strict-transport-security']).toBeUndefined();
  const csp = policy(response);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('script-src-attr')).toEqual(["'none'"]);
  expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
}

test('public pages: no script at all, a policy that allows none, and the other headers', async ({ request }) => {
  const home = await request.get('/');
  const article = /href="(\/a\/[^"]+)"/.exec(await home.text())?.[1];
  expect(article, 'an article linked from the home page').toBeTruthy();
  for (const path of ['/', article!, '/regions', '/months', '/search', `/search?q=${encodeURIComponent('医保')}`, '/a/no-such-page-ever']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(path === '/a/no-such-page-ever' ? 404 : 200);
    expectCommonHeaders(response);
    expect(policy(response).get('script-src'), path).toEqual(["'none'"]);
    // Next's client runtime and its inline page data are taken out by the app server; JSON-LD
    // (data, not a script) stays on the article.
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(
      scripts.filter((tag) => !tag.includes('application/ld+json')),
      path,
    ).toEqual([]);
    expect(html, path).not.toContain('__next_f');
    expect(html, path).not.toMatch(/\.js["?]/);
    if (path === article) expect(scripts).toContain('<script type="application/ld+json">');
  }
  // Compressed after the rewrite, as Next would have.
  const compressed = await request.get('/', { headers: { 'accept-encoding': 'gzip' } });
  expect(compressed.headers()['content-encoding']).toBe('gzip');
  expect(await compressed.text()).not.toContain('<script');
});

test('sign-in page: a fresh nonce per request, on every script Next renders', async ({ request }) => {
  const first = await request.get('/login');
  const second = await request.get('/login');
  expectCommonHeaders(first);
  expect(first.headers()['cache-control']).toContain('no-store');
  expect(nonceOf(first)).not.toBe(nonceOf(second));
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonceOf(first)}"`);
});

test('admin pages and API responses: nonces, no-store', async ({ browser, request }) => {
  const page = await pageAs(browser, 'editor');
  const first = await page.request.get('/admin');
  const second = await page.request.get('/admin');
  expect(first.status()).toBe(200);
  expectCommonHeaders(first);
  expect(first.headers()['cache-control']).toContain('no-store');
  expect(nonceOf(first)).not.toBe(nonceOf(second));
  expect(await first.text()).toContain(`nonce="${nonceOf(first)}"`);

  for (const response of [await page.request.get('/api/auth/session'), await page.request.get('/api/regions?q=gz'), await request.get('/api/regions?q=gz')]) {
    expectCommonHeaders(response);
    expect(response.headers()['cache-control']).toContain('no-store');
  }
  await page.context().close();
});

/** Every CSP violation and script error in the context's pages, from the first byte of each page. */
async function watchForViolations(context: BrowserContext): Promise<string[]> {
  const problems: string[] = [];
  await context.exposeBinding('__reportViolation', ({ page }, text: string) => problems.push(`${page.url()}: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportViolation: (t: string) => void }).__reportViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  context.on('console', (message) => {
    // Chromium also logs refusals and header parse errors to the console.
    if (message.type() === 'error' && /Content Security Policy|Content-Security-Policy|Permissions-Policy|Refused to/i.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`));
  return problems;
}

test('nothing is blocked on the dashboard, the import and editor pages, or the public site', async ({ browser }) => {
  const context = await browser.newContext();
  const problems = await watchForViolations(context);
  const editor = await context.newPage();
  await signIn(editor, 'editor');

  // Import with a preview, then the batch page, which polls the progress until the report. A title
  // of its own keeps this article apart from the other specs' (they share the database).
  const title = `${samplePageTitle}（安全头检查）`;
  const text = readFileSync(samplePage, 'utf8').replace(samplePageTitle, title);
  await editor.goto('/admin/import');
  await editor.getByLabel('页面文件').setInputFiles({ name: 'csp.txt', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
  await editor.getByRole('button', { name: '上传并预览' }).click();
  await expect(editor.getByRole('region', { name: '导入预览' }).getByRole('status')).toContainText('将新建 1');
  await editor.getByRole('button', { name: '确认导入' }).click();
  const report = editor.getByRole('region', { name: '导入结果' });
  await expect(report.getByRole('status')).toContainText('新建 1');

  // The article editor (Tiptap injects its base styles in a <style> element, admitted by nonce).
  await report.getByRole('link', { name: title }).click();
  const body = editor.getByTestId('body-editor');
  await expect(body).toBeVisible();
  await expect(body).toHaveCSS('white-space', 'break-spaces');
  await body.locator('p').first().click();
  await editor.keyboard.press('End');
  await editor.keyboard.type('（已核实）');
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(editor.getByRole('status')).toContainText('已保存');
  const slug = await editor.getByLabel('链接名（拼音）').inputValue();
  await editor.getByRole('button', { name: '提交审核' }).click();
  await expect(editor.getByTestId('article-status')).toHaveText('审核中');
  const articleUrl = editor.url();

  // Approved by a reviewer (in a browser of their own), then published by the editor.
  const reviewer = await pageAs(browser, 'reviewer');
  await reviewer.goto(articleUrl);
  await reviewer.getByLabel('审核意见').fill('内容准确。');
  await reviewer.getByRole('button', { name: '批准' }).click();
  await expect(reviewer.getByTestId('article-status')).toHaveText('已批准');
  await reviewer.context().close();
  await editor.reload();
  await editor.getByRole('button', { name: '发布' }).click();
  await expect(editor.getByTestId('article-status')).toHaveText('已发布');

  // The dashboard's recharts charts.
  await editor.goto('/admin');
  await expect(editor.locator('svg.recharts-surface').first()).toBeVisible();

  // The public site, as a reader.
  const reader = await context.browser()!.newContext();
  const readerProblems = await watchForViolations(reader);
  const page = await reader.newPage();
  for (const path of ['/', `/a/${slug}`, '/regions', '/months']) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await page.waitForLoadState('networkidle');
  }
  await page.getByRole('link', { name: '按地区' }).click();
  await page.waitForLoadState('networkidle');

  expect([...problems, ...readerProblems]).toEqual([]);
  await reader.close();
  await context.close();
});
