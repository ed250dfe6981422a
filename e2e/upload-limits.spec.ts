import { readFileSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { zipSync } from 'fflate';
import { pageAs } from './fixtures';

// The upload page promises 19 MB per upload: all of it must get through proxy.ts and the server
// action, and anything larger gets a Chinese message on the page and a 413 from the server (never
// a crash page or a 500), also for a request that bypasses the page.
test.describe.configure({ mode: 'serial' });

const MB = 1024 * 1024;

/** Real sample pages under distinct titles, stored without compression, until `bytes` are reached. */
function samplePagesZip(bytes: number): Buffer {
  const folder = 'prisma/sample-pages';
  const pages = readdirSync(folder).map((name) => readFileSync(`${folder}/${name}`, 'utf8'));
  const entries: Record<string, Uint8Array> = {};
  let total = 0;
  for (let i = 0; total < bytes; i++) {
    const [title, ...rest] = pages[i % pages.length].split('\n');
    const text = Buffer.from([`${title}（上传上限测试 ${i}）`, ...rest].join('\n'), 'utf8');
    entries[`页面/${i}.txt`] = text;
    total += text.length;
  }
  return Buffer.from(zipSync(entries, { level: 0 }));
}

/** A raw POST to /admin/import, with Content-Length or chunked; resolves with status and body. */
function rawPost(baseURL: string, size: number, chunked: boolean): Promise<{ status: number; body: string }> {
  const url = new URL('/admin/import', baseURL);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'multipart/form-data; boundary=----x', 'next-action': '0'.repeat(42) };
    if (chunked) headers['transfer-encoding'] = 'chunked';
    else headers['content-length'] = size;
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may answer and stop reading before the whole body is sent.
    req.on('error', (error) => (req.writableEnded ? undefined : reject(error)));
    const chunk = Buffer.alloc(MB, 0x61);
    let sent = 0;
    const next = () => {
      if (sent >= size || req.destroyed) return void req.end();
      sent += chunk.length;
      req.write(chunk, () => setImmediate(next));
    };
    next();
  });
}

test('a 12 MB upload gets its preview', async ({ browser }) => {
  test.setTimeout(120_000);
  const archive = samplePagesZip(12 * MB);
  expect(archive.length).toBeGreaterThan(12 * MB);
  const page = await pageAs(browser, 'editor');
  await page.goto('/admin/import');
  await page.getByLabel('页面文件').setInputFiles({ name: 'pages.zip', mimeType: 'application/zip', buffer: archive });
  await page.getByRole('button', { name: '上传并预览' }).click();
  const preview = page.getByRole('region', { name: '导入预览' });
  await expect(preview.getByRole('status')).toContainText(/将新建 \d{3,}/, { timeout: 90_000 });
  await expect(preview.getByRole('status')).toContainText('失败 0');
  await preview.getByRole('button', { name: '取消' }).click();
  await page.context().close();
});

test('a 25 MB selection is refused on the page, in Chinese, without sending it', async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  await page.goto('/admin/import');
  const posts: string[] = [];
  page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
  await page.getByLabel('页面文件').setInputFiles({ name: 'big.zip', mimeType: 'application/zip', buffer: Buffer.alloc(25 * MB) });
  await page.getByRole('button', { name: '上传并预览' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '所选文件共 25.0 MB，一次上传不能超过 19.0 MB，请分批上传。' })).toBeVisible();
  expect(posts).toEqual([]);
  await page.context().close();
});

test("the server's refusal of an oversized upload is shown on the page too", async ({ browser }) => {
  const page = await pageAs(browser, 'editor');
  await page.goto('/admin/import');
  // A body the form's own check would have stopped: grow the request on its way to the server.
  await page.route('**/admin/import', (route) =>
    route.request().method() === 'POST' ? route.continue({ postData: Buffer.alloc(25 * MB, 0x61) }) : route.continue(),
  );
  await page.getByLabel('页面文件').setInputFiles('prisma/sample-pages/000_f9d22c9b16a877c9.txt');
  const refused = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: '上传并预览' }).click();
  expect((await refused).status()).toBe(413);
  await expect(page.getByRole('alert').filter({ hasText: '请求过大：一次上传不能超过 19.0 MB，请分批上传。' })).toBeVisible();
  // Still the upload page, ready for another try.
  await expect(page.getByRole('button', { name: '上传并预览' })).toBeEnabled();
  await page.context().close();
});

test('a direct 25 MB POST answers 413, with Content-Length or chunked', async ({ baseURL }) => {
  for (const chunked of [false, true]) {
    const response = await rawPost(baseURL!, 25 * MB, chunked);
    expect(response, chunked ? 'chunked' : 'Content-Length').toEqual({ status: 413, body: '请求过大：一次上传不能超过 19.0 MB，请分批上传。' });
  }
});
