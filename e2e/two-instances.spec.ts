import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createClient } from '@redis/client';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { serveArgs } from '../scripts/lib/node-heap';
import { signIn } from './fixtures';

// Two app instances (scripts/serve.ts) on the test database and one Redis, as behind a reverse
// proxy: a page rendered by B is served from the shared cache by A, and a publish on A is live
// on B within a second or two. Both instances are started here (the other specs need no Redis),
// on the two ports after the main test server's, with a key prefix of their own.
test.describe.configure({ mode: 'serial' });

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `baoda-e2e-${randomUUID()}`;
const basePort = Number(process.env.E2E_PORT ?? 3100);
const instanceA = `http://127.0.0.1:${basePort + 1}`;
const instanceB = `http://127.0.0.1:${basePort + 2}`;
const servers: ChildProcess[] = [];
let redisReachable = false;
let seeded: { articleId: string; slug: string; liveTitle: string; nextTitle: string };

async function isRedisReachable(): Promise<boolean> {
  const client = createClient({ url: redisUrl, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.close();
    return true;
  } catch {
    return false;
  }
}

function startInstance(origin: string): ChildProcess {
  const server = spawn(process.execPath, serveArgs, {
    env: { ...process.env, PORT: new URL(origin).port, HOST: '127.0.0.1', SITE_URL: origin, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: keyPrefix },
    // Its own process group, so that the whole server is stopped together.
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  server.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${origin}] ${chunk}`));
  servers.push(server);
  return server;
}

async function waitUntilServing(request: APIRequestContext, origin: string) {
  await expect
    .poll(async () => (await request.get(`${origin}/login`, { failOnStatusCode: false }).catch(() => null))?.status(), { timeout: 60_000, intervals: [250] })
    .toBe(200);
}

async function titleServedBy(request: APIRequestContext, origin: string): Promise<string> {
  const response = await request.get(`${origin}/a/${seeded.slug}`);
  expect(response.status()).toBe(200);
  const html = await response.text();
  return /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1] ?? '';
}

test.beforeAll(async ({ request }) => {
  redisReachable = await isRedisReachable();
  if (!redisReachable) return;
  seeded = JSON.parse(execFileSync('node_modules/.bin/tsx', ['e2e/two-instances-seed.ts'], { encoding: 'utf8' }).trim().split('\n').pop()!);
  startInstance(instanceA);
  startInstance(instanceB);
  await Promise.all([waitUntilServing(request, instanceA), waitUntilServing(request, instanceB)]);
});

test.afterAll(async () => {
  for (const server of servers) {
    if (server.pid && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      process.kill(-server.pid, 'SIGTERM');
      await exited;
    }
  }
  if (!redisReachable) return;
  const client = createClient({ url: redisUrl });
  await client.connect();
  const keys: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: `${keyPrefix}:*`, COUNT: 100 })) keys.push(...batch);
  if (keys.length > 0) await client.del(keys);
  await client.close();
});

test('a page cached through one instance is served by the other, and a publish on A is live on B', async ({ browser, request }) => {
  test.skip(!redisReachable, `No Redis answers at ${redisUrl}: the shared-cache test needs one.`);

  // The reader reaches B first: B renders the page and stores it in Redis.
  expect(await titleServedBy(request, instanceB)).toBe(seeded.liveTitle);
  // A has never rendered it and serves it from the shared cache.
  const fromA = await request.get(`${instanceA}/a/${seeded.slug}`);
  expect(fromA.headers()['x-nextjs-cache']).toBe('HIT');
  expect(await fromA.text()).toContain(seeded.liveTitle);

  // The editor publishes the approved version through A's admin.
  const context = await browser.newContext({ baseURL: instanceA });
  const editor = await context.newPage();
  await signIn(editor, 'editor');
  await editor.goto(`/admin/articles/${seeded.articleId}`);
  await editor.getByRole('button', { name: '发布' }).click();
  await expect(editor.getByTestId('article-status')).toHaveText('已发布');
  await context.close();

  // B, which cached the old version, serves the new one within two seconds.
  await expect.poll(() => titleServedBy(request, instanceB), { timeout: 2_000, intervals: [100] }).toBe(seeded.nextTitle);
  expect(await titleServedBy(request, instanceA)).toBe(seeded.nextTitle);
});
