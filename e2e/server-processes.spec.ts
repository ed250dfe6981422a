import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { expect, test } from '@playwright/test';
import { serveArgs } from '../scripts/lib/node-heap';

// With WEB_CONCURRENCY=2, scripts/serve.ts runs two processes on one port, each with a page cache
// of its own (no Redis here). A change made elsewhere reaches both through the change feed, each
// expiring its own cache through its own loopback endpoint: a reader gets the new page whichever
// process answers. Started here, on the third port after the main test server's.
test.describe.configure({ mode: 'serial' });

const origin = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 3}`;
const sample = '003_91985a4ab1a3ef30.txt';
let server: ChildProcess | null = null;

function content(...args: string[]) {
  return JSON.parse(
    execFileSync('node_modules/.bin/tsx', ['e2e/content-cli.ts', ...args], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!,
  ) as { slug: string };
}

/** A GET on a connection of its own: the primary hands each new connection to the next process in turn. */
function getOnNewConnection(path: string): Promise<{ status: number; cache: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    httpGet(`${origin}${path}`, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, cache: response.headers['x-nextjs-cache'] as string | undefined, body }));
    }).on('error', reject);
  });
}

async function responses(path: string, count: number) {
  const all = [];
  for (let i = 0; i < count; i++) all.push(await getOnNewConnection(path));
  return all;
}

test.beforeAll(async () => {
  server = spawn(process.execPath, serveArgs, {
    env: { ...process.env, WEB_CONCURRENCY: '2', PORT: new URL(origin).port, HOST: '127.0.0.1', SITE_URL: origin },
    // Its own process group, so that stopping it also stops its server processes.
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  server.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${origin}] ${chunk}`));
  await expect.poll(async () => (await getOnNewConnection('/login').catch(() => null))?.status, { timeout: 60_000, intervals: [250] }).toBe(200);
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    process.kill(-server.pid, 'SIGTERM');
    await exited;
  }
});

test('two server processes each cache a page, and a change from outside reaches both', async () => {
  const { slug } = content('publish', sample);
  const path = `/a/${slug}`;

  // Each process renders the page once: the first two new connections go to different processes.
  const first = await responses(path, 6);
  expect(first.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
  expect(first.map((r) => r.cache)).toEqual(['MISS', 'MISS', 'HIT', 'HIT', 'HIT', 'HIT']);

  content('publish', sample, '--title', '多进程缓存测试的新标题');
  // Visible on every connection, so in both processes' caches, within the feed's interval.
  await expect
    .poll(async () => (await responses(path, 4)).filter((r) => r.body.includes('多进程缓存测试的新标题')).length, { timeout: 5_000, intervals: [200] })
    .toBe(4);
  const after = await responses(path, 4);
  expect(after.every((r) => r.cache === 'HIT' && r.body.includes('多进程缓存测试的新标题'))).toBe(true);
});
