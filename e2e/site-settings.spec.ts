import { execFileSync } from 'node:child_process';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { pageAs } from './fixtures';

// Site settings in every public page's footer, the pages' share metadata and structured data, and
// the files for search engines, all through the real server (scripts/serve.ts) and its cache.
test.describe.configure({ mode: 'serial' });

function content(...args: string[]) {
  return JSON.parse(
    execFileSync('node_modules/.bin/tsx', ['e2e/content-cli.ts', ...args], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!,
  ) as { slug: string };
}

async function get(request: APIRequestContext, url: string) {
  const response = await request.get(url, { maxRedirects: 0 });
  return { status: response.status(), cache: response.headers()['x-nextjs-cache'], type: response.headers()['content-type'], body: await response.text() };
}

async function cached(request: APIRequestContext, url: string) {
  await expect.poll(async () => (await get(request, url)).cache, { timeout: 10_000 }).toBe('HIT');
}

/** Collects the Content-Security-Policy violations a page reports. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

const file = '003_91985a4ab1a3ef30.txt';
let slug = '';

test('an admin sets the filing numbers and a reader sees them in the footer of a cached page at once', async ({ browser, request }) => {
  slug = content('publish', file, '--region', '440106').slug;
  for (const url of ['/', `/a/${slug}`]) await cached(request, url);
  expect((await get(request, '/')).body).not.toContain('京ICP备20260001号-1');

  const admin = await pageAs(browser, 'admin');
  await admin.goto('/admin/settings');
  await admin.getByLabel('ICP 备案号').fill('京ICP备20260001号-1');
  await admin.getByLabel('公安备案号').fill('京公网安备11010502030143号');
  await admin.getByLabel('联系方式').fill('help@baoda.example');
  await admin.getByRole('button', { name: '保存站点设置' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '站点设置已保存' })).toBeVisible();
  await admin.context().close();

  // Every cached public page was expired: within a couple of seconds a reader sees the footer.
  const started = Date.now();
  await expect.poll(async () => (await get(request, `/a/${slug}`)).body, { timeout: 2_000 }).toContain('京ICP备20260001号-1');
  expect(Date.now() - started).toBeLessThan(2_000);
  expect((await get(request, '/')).body).toContain('京ICP备20260001号-1');

  const reader = await (await browser.newContext()).newPage();
  await reader.goto('/');
  const footer = reader.getByTestId('site-footer');
  await expect(footer.getByRole('link', { name: '京ICP备20260001号-1' })).toHaveAttribute('href', 'https://beian.miit.gov.cn/');
  const psb = footer.getByRole('link', { name: '京公网安备11010502030143号' });
  await expect(psb).toHaveAttribute('href', 'https://beian.mps.gov.cn/#/query/webSearch?code=11010502030143');
  await expect(psb.locator('img')).toHaveAttribute('src', '/psb-badge.svg');
  await expect(footer.getByRole('link', { name: /help@baoda\.example/ })).toHaveAttribute('href', 'mailto:help@baoda.example');
  const badge = await reader.request.get('/psb-badge.svg');
  expect(badge.status()).toBe(200);
  await reader.context().close();
});

test('a settings change made by another process reaches the cached pages through the change feed', async ({ request }) => {
  await cached(request, `/a/${slug}`);
  content('site-settings', '--icp', '沪ICP备12345678号');
  await expect.poll(async () => (await get(request, `/a/${slug}`)).body, { timeout: 5_000 }).toContain('沪ICP备12345678号');
});

test('an article page carries share metadata, a canonical URL and valid JSON-LD, without a CSP violation', async ({ page, baseURL }) => {
  const violations = watchCsp(page);
  await page.goto(`/a/${slug}`);
  const title = (await page.locator('h1').textContent())!.trim();
  const meta = (selector: string) => page.locator(selector).getAttribute('content');
  expect(await meta('meta[property="og:title"]')).toBe(title);
  expect(await meta('meta[property="og:description"]')).toBeTruthy();
  expect(await meta('meta[property="og:image"]')).toBe(`${baseURL}/share.png`);
  expect(await meta('meta[property="og:url"]')).toBe(`${baseURL}/a/${slug}`);
  expect(await meta('meta[name="applicable-device"]')).toBe('pc,mobile');
  expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(`${baseURL}/a/${slug}`);
  await expect(page).toHaveTitle(`${title} · 保答`);

  const blocks = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((text) => JSON.parse(text));
  const qa = blocks.find((b) => b['@type'] === 'QAPage');
  expect(qa.mainEntity).toMatchObject({ '@type': 'Question', name: title, answerCount: 1 });
  expect(qa.mainEntity.acceptedAnswer['@type']).toBe('Answer');
  expect(qa.mainEntity.acceptedAnswer.text.length).toBeGreaterThan(20);
  const crumbs = blocks.find((b) => b['@type'] === 'BreadcrumbList');
  expect(crumbs.itemListElement.map((i: { name: string }) => i.name)).toEqual(['保答', '地区', '广东省', '广州市', '天河区', title]);
  const image = await page.request.get('/share.png');
  expect(image.headers()['content-type']).toBe('image/png');

  // The home page has the site's own title, with the site name once.
  await page.goto('/');
  await expect(page).toHaveTitle((await page.locator('meta[property="og:title"]').getAttribute('content')) as string);
  await expect(page).toHaveTitle(/^保答 · [^·]+$/);

  await page.goto('/regions/440100');
  const regionCrumbs = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent())!);
  expect(regionCrumbs['@type']).toBe('BreadcrumbList');
  expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(`${baseURL}/regions/440100`);
  expect(violations).toEqual([]);
});

test('robots.txt, the sitemap and the feed answer through the real server, cached, without drafts', async ({ request, page, baseURL }) => {
  const draft = content('draft', '--title', `草稿不进站点地图 ${Date.now()}`).slug;

  const robots = await get(request, '/robots.txt');
  expect(robots.status).toBe(200);
  expect(robots.type).toContain('text/plain');
  expect(robots.body).toContain('Disallow: /admin');
  expect(robots.body).toContain(`Sitemap: ${baseURL}/sitemap.xml`);

  const index = await get(request, '/sitemap.xml');
  expect(index.status).toBe(200);
  expect(index.type).toContain('xml');
  const files = [...index.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  expect(files[0]).toBe(`${baseURL}/sitemap-1.xml`);
  const sitemap = await get(request, '/sitemap-1.xml');
  expect(sitemap.body).toContain(`<loc>${baseURL}/a/${slug}</loc>`);
  expect(sitemap.body).toContain(`<loc>${baseURL}/regions/440106</loc>`);
  expect(sitemap.body).not.toContain(draft);
  expect((await get(request, `/sitemap-${files.length + 1}.xml`)).status).toBe(404);

  const feed = await get(request, '/feed.xml');
  expect(feed.type).toContain('application/rss+xml');
  expect(feed.body).toContain(`<link>${baseURL}/a/${slug}</link>`);
  expect(feed.body).not.toContain(draft);
  // Well-formed XML, as a browser's parser reads it.
  await page.goto('/');
  for (const xml of [index.body, sitemap.body, feed.body]) {
    const error = await page.evaluate(
      (text) => new DOMParser().parseFromString(text, 'application/xml').querySelector('parsererror')?.textContent ?? null,
      xml,
    );
    expect(error).toBeNull();
  }
  for (const url of ['/robots.txt', '/sitemap.xml', '/sitemap-1.xml', '/feed.xml']) await cached(request, url);
});

test('a page taken down answers 410; a slug that never was public is a 404 like any other', async ({ request }) => {
  const draft = content('draft', '--title', `从未发布 ${Date.now()}`).slug;
  await cached(request, `/a/${slug}`);
  content('unpublish', slug);
  await expect.poll(async () => (await get(request, `/a/${slug}`)).status, { timeout: 5_000 }).toBe(410);
  const random = await get(request, '/a/no-such-page-ever');
  const neverPublic = await get(request, `/a/${draft}`);
  expect(random.status).toBe(404);
  expect(neverPublic.status).toBe(404);
  // The same page, but for the slug itself (which the page's data names).
  expect(neverPublic.body.replaceAll(draft, 'SLUG')).toBe(random.body.replaceAll('no-such-page-ever', 'SLUG'));
  // Gone from the sitemap and the feed too.
  await expect.poll(async () => (await get(request, '/sitemap-1.xml')).body, { timeout: 5_000 }).not.toContain(`/a/${slug}<`);
  expect((await get(request, '/feed.xml')).body).not.toContain(`/a/${slug}<`);

  // Live again: no longer gone.
  content('publish', file);
  await expect.poll(async () => (await get(request, `/a/${slug}`)).status, { timeout: 5_000 }).toBe(200);
});
