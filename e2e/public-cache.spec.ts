import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { pageAs } from './fixtures';

// Public pages are rendered once and then served from Next's cache (x-nextjs-cache: HIT) until a
// change to what they show expires them. The changes here are made from other processes (a CLI,
// another instance), so they reach this server only through the database's change feed.
test.describe.configure({ mode: 'serial' });

const tsx = 'node_modules/.bin/tsx';
function content(...args: string[]) {
  return JSON.parse(
    execFileSync(tsx, ['e2e/content-cli.ts', ...args], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!,
  ) as { slug: string };
}

async function get(request: APIRequestContext, url: string) {
  const response = await request.get(url, { maxRedirects: 0 });
  return { status: response.status(), cache: response.headers()['x-nextjs-cache'], headers: response.headers(), body: await response.text() };
}

/** Requests `url` until it comes from the cache. */
async function cached(request: APIRequestContext, url: string) {
  await expect.poll(async () => (await get(request, url)).cache, { timeout: 10_000 }).toBe('HIT');
}

const a = { file: '000_f9d22c9b16a877c9.txt', region: '440106' }; // 广州市天河区
const b = { file: '001_09de7306f3693664.txt', region: '110101' }; // 北京市东城区
let slugA = '';
let slugB = '';

test('a public page is rendered once, then served from the cache, with headers a CDN may use', async ({ request, browser }) => {
  slugA = content('publish', a.file, '--region', a.region).slug;
  slugB = content('publish', b.file, '--region', b.region).slug;
  const first = await get(request, `/a/${slugA}`);
  expect(first.status).toBe(200);
  await cached(request, `/a/${slugA}`);
  const page = await get(request, `/a/${slugA}`);
  expect(page.headers['cache-control']).toBe('public, s-maxage=10, stale-while-revalidate=60');
  expect(page.headers.etag).toBeTruthy();
  const revalidated = await request.get(`/a/${slugA}`, { headers: { 'if-none-match': page.headers.etag } });
  expect(revalidated.status()).toBe(304);

  // Signed-in pages are never stored anywhere.
  const admin = await pageAs(browser, 'admin');
  const adminResponse = await admin.request.get('/admin');
  expect(adminResponse.headers()['cache-control']).toBe('no-store');
  expect(adminResponse.headers()['x-nextjs-cache']).toBeUndefined();
  await admin.context().close();
});

test('publishing one article expires its page and the lists that show it, and nothing else', async ({ request }) => {
  const pages = [`/a/${slugA}`, `/a/${slugB}`, '/', '/regions/440000', '/regions/110000', '/regions'];
  for (const url of pages) await cached(request, url);

  content('publish', a.file, '--title', '居民医保只能一年一交吗（已更新）');
  // Visible within the feed's polling interval, from another process.
  await expect.poll(async () => (await get(request, `/a/${slugA}`)).body, { timeout: 5_000 }).toContain('居民医保只能一年一交吗（已更新）');
  for (const url of ['/', '/regions/440000']) expect((await get(request, url)).body).toContain('居民医保只能一年一交吗（已更新）');
  // The unrelated article and region page were not rendered again.
  for (const url of [`/a/${slugB}`, '/regions/110000']) expect((await get(request, url)).cache).toBe('HIT');
  // Nor was the region index: the article's regions did not change.
  expect((await get(request, '/regions')).cache).toBe('HIT');
});

test('a working copy never reaches the cache', async ({ request }) => {
  content('save-draft', slugA, '--title', '只在草稿里的标题');
  await cached(request, `/a/${slugA}`);
  const page = await get(request, `/a/${slugA}`);
  expect(page.body).toContain('居民医保只能一年一交吗（已更新）');
  expect(page.body).not.toContain('只在草稿里的标题');
});

test('a renamed article answers at its old address with a permanent redirect, also after another rename', async ({ request }) => {
  const oldSlug = slugA;
  await cached(request, `/a/${oldSlug}`);
  content('publish', a.file, '--title', '居民医保只能一年一交吗（已更新）', '--slug', 'ju-min-yi-bao-yi-nian-yi-jiao');
  content('publish', a.file, '--slug', 'ju-min-yi-bao-jiao-fei');
  for (const old of [oldSlug, 'ju-min-yi-bao-yi-nian-yi-jiao']) {
    await expect.poll(async () => (await get(request, `/a/${old}`)).status, { timeout: 5_000 }).toBe(301);
    expect((await get(request, `/a/${old}`)).headers.location).toBe('/a/ju-min-yi-bao-jiao-fei');
  }
  slugA = 'ju-min-yi-bao-jiao-fei';
  expect((await get(request, `/a/${slugA}`)).status).toBe(200);
});

test('a live page restored by `npm run import` from an export reaches the running server', async ({ request }) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'baoda-restore-'));
  try {
    const file = path.join(folder, 'export.ndjson');
    execFileSync(tsx, ['scripts/export.ts', '--out', file], { stdio: 'ignore' });
    // The article disappears behind the cache's back (no change recorded), and comes back
    // from the export with a changed title: only the feed can tell the server.
    await cached(request, `/a/${slugB}`);
    content('delete', slugB);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const restored = lines
      .filter((line) => (JSON.parse(line) as { slug?: string }).slug === slugB)
      .map((line) => line.replaceAll('居民医保不能断吗', '居民医保不能断吗（恢复）'));
    expect(restored).toHaveLength(1);
    writeFileSync(file, `${lines[0]}\n${restored[0]}\n`);
    execFileSync(tsx, ['scripts/import.ts', file], { stdio: 'ignore' });
    await expect.poll(async () => (await get(request, `/a/${slugB}`)).body, { timeout: 5_000 }).toContain('居民医保不能断吗（恢复）');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
