// npm run bench:soak — the demo under load while it imports. A demo as `npm run demo` sets one up,
// in a temporary data folder: the embedded PostgreSQL (lib/db/embedded.ts), migrations, the demo
// logins and sample content (seedDemo), and the production server (scripts/serve.ts, built first
// when the build is missing or stale). Then, over HTTP on 127.0.0.1 only:
//  1. Chromium (Playwright) signs in as the demo editor and uploads a .zip of PAGES generated
//     pages (scripts/lib/generate-pages.ts) on 导入: upload → preview → confirm, as an editor does.
//     The browser is closed once the confirmation has led to the batch's page; its session cookie
//     signs in the loads.
//  2. While the server's job worker imports the batch: ROUNDS rounds, each of ADMIN_LOADS
//     signed-in admin page loads (dashboard, article table with filters, an article's editor,
//     import history) and PUBLIC_LOADS public page loads (home, article, region, month, search),
//     all of a round's requests at once.
// Checks: no response 5xx and no request failed; every admin load answered 200 signed in; no
// protocol error in the server's or the database's log (PROTOCOL_ERRORS); the batch DONE with
// exactly PAGES created and none failed, and the article count grown by exactly PAGES.
// Prints a table and PASS/FAIL (exit 1 on FAIL). Everything is stopped and removed at the end,
// also on failure or Ctrl-C.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { zipSync } from 'fflate';
import { db } from '@/lib/db/client';
import { openEmbeddedDatabase, type EmbeddedDatabase } from '@/lib/db/embedded';
import { prepareDatabase } from '@/lib/db/prepare-database';
import { freePort } from '@/lib/net/ports';
import { seedDemo } from '@/lib/seed/seed-demo';
import { loadAverage, printTable, type Row } from './lib/bench-table';
import { generatePages } from './lib/generate-pages';
import { buildIsStale, nextBin, run } from './lib/next-build';
import { startServeProcess, stopServeProcess } from './lib/serve-process';

const PAGES = 1_000;
const ROUNDS = 3;
const ADMIN_LOADS = 100;
const PUBLIC_LOADS = 100;
const REQUEST_TIMEOUT_MS = 60_000;
const IMPORT_TIMEOUT_MS = 10 * 60_000;
// What a connection whose statements interleave, or a driver out of step with its server, leaves
// in a log (pglite#1046 showed the first three).
const PROTOCOL_ERRORS = ['bind message supplies', 'portal "" does not exist', 'Unable to start a transaction', 'prepared statement', 'protocol'];

type Load = { kind: 'admin' | 'public'; page: string; path: string };
type Answer = Load & { status: number | 'error'; ms: number; signedIn: boolean; error?: string; round: number };

let dataDir: string | null = null;
let database: EmbeddedDatabase | null = null;
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let failed = false;

let cleaningUp: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaningUp ??= (async () => {
    await browser?.close().catch(() => {});
    if (server) await stopServeProcess(server);
    await db.$disconnect().catch(() => {});
    // The app first, so that it closes its connections before the database shuts down.
    await database?.stop().catch((error) => console.error('Stopping the embedded database failed:', error));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  })();
  return cleaningUp;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void cleanUp().then(() => process.exit(130)));

try {
  if (await buildIsStale()) {
    console.log(`Building the app into ${process.env.NEXT_DIST_DIR ?? '.next'} (none yet, or sources changed)…`);
    await run(nextBin(), ['build']);
  }

  // The demo's set-up (scripts/demo.ts), in a data folder of its own.
  dataDir = await mkdtemp(path.join(tmpdir(), 'baoda-soak-'));
  database = await openEmbeddedDatabase({ command: 'npm run bench:soak', whenHeld: 'refuse', dataDir });
  process.env.DATABASE_URL = database.url;
  const serverLog = path.join(dataDir, 'server.log');
  const databaseLog = path.join(dataDir, 'postgres', 'server.log');
  console.log(`Embedded PostgreSQL in ${dataDir} (log: ${databaseLog})`);
  await prepareDatabase(database.url, db);
  const logins = await seedDemo(db, { dataDir });
  const editor = logins.find((login) => login.role === 'EDITOR');
  if (!editor) throw new Error('seedDemo made no editor');
  const targets = await pickTargets();
  console.log(`Pages loaded: article /a/${targets.slug}, region /regions/${targets.regionCode}, month /months/${targets.month}`);
  const articlesBefore = await db.article.count();

  const pagesFolder = path.join(dataDir, 'pages');
  await generatePages({ count: PAGES, folder: pagesFolder });
  const entries: Record<string, Uint8Array> = {};
  for (const name of await readdir(pagesFolder)) entries[name] = await readFile(path.join(pagesFolder, name));
  const archive = Buffer.from(zipSync(entries));
  console.log(`Generated ${PAGES.toLocaleString('en-US')} pages: a ${(archive.length / 1024 / 1024).toFixed(1)} MB .zip`);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = await open(serverLog, 'a');
  try {
    // As the demo runs it: one server process unless WEB_CONCURRENCY says otherwise.
    server = await startServeProcess(port, { DATABASE_URL: database.url }, { output: log.fd });
  } finally {
    // The server writes to its own copy of the descriptor.
    await log.close();
  }
  console.log(`Server: ${base} (pid ${server.pid}, log: ${serverLog})`);
  console.log(`Machine: ${await loadAverage()} load average before the soak`);

  // 1. Sign in and upload as the editor does.
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const context = await browser.newContext({ baseURL: base, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(editor.email);
  await page.getByLabel('密码').fill(editor.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('current-user').waitFor();
  await page.goto('/admin/import');
  await page.getByLabel('页面文件').setInputFiles({ name: 'soak.zip', mimeType: 'application/zip', buffer: archive });
  let started = performance.now();
  await page.getByRole('button', { name: '上传并预览' }).click();
  const preview = page.getByRole('region', { name: '导入预览' });
  const expected = `将新建 ${PAGES}，将更新 0，未变 0，失败 0`;
  const status = preview.getByRole('status');
  await status.waitFor();
  if (!(await status.textContent())?.includes(expected)) throw new Error(`the preview says "${await status.textContent()}", not "${expected}"`);
  console.log(`Upload and preview: ${seconds(performance.now() - started)} s`);
  started = performance.now();
  await preview.getByRole('button', { name: '确认导入' }).click();
  await page.waitForURL(/\/admin\/import\/history\/[a-z0-9]+$/);
  const batchId = new URL(page.url()).pathname.split('/').pop()!;
  const confirmedAt = Date.now();
  console.log(`Confirmed: batch ${batchId} (${seconds(performance.now() - started)} s)`);
  const cookie = (await context.cookies(base)).map((c) => `${c.name}=${c.value}`).join('; ');
  await browser.close();
  browser = null;

  // 2. The rounds, while the job imports.
  const adminLoads: Load[] = [
    { kind: 'admin', page: 'dashboard', path: '/admin' },
    { kind: 'admin', page: 'article table, filtered', path: `/admin/articles?status=PUBLISHED&q=${encodeURIComponent('医保')}&sort=contentDate&dir=desc` },
    { kind: 'admin', page: 'article editor', path: `/admin/articles/${targets.articleId}` },
    { kind: 'admin', page: 'import history', path: '/admin/import/history' },
  ];
  const publicLoads: Load[] = [
    { kind: 'public', page: 'home', path: '/' },
    { kind: 'public', page: 'article', path: `/a/${targets.slug}` },
    { kind: 'public', page: 'region', path: `/regions/${targets.regionCode}` },
    { kind: 'public', page: 'month', path: `/months/${targets.month}` },
    { kind: 'public', page: 'search', path: `/search?q=${encodeURIComponent('医保')}` },
  ];
  const answers: Answer[] = [];
  const rounds: { started: number; ended: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const loads = [...spread(adminLoads, ADMIN_LOADS), ...spread(publicLoads, PUBLIC_LOADS)];
    const roundStarted = Date.now();
    answers.push(...(await Promise.all(loads.map((load) => fetchPage(base, load, cookie, round)))));
    rounds.push({ started: roundStarted, ended: Date.now() });
    const mine = answers.filter((a) => a.round === round);
    console.log(
      `Round ${round}: ${mine.length} requests in ${seconds(Date.now() - roundStarted)} s; ${statusSummary(mine)}; p50 ${percentile(mine, 50)} ms, max ${percentile(mine, 100)} ms`,
    );
  }

  const batch = await waitForBatch(batchId, confirmedAt);
  const articlesAfter = await db.article.count();
  console.log(
    `Import: batch ${batch.status}, created ${batch.created}, updated ${batch.updated}, unchanged ${batch.unchanged}, failed ${batch.failed}, ran ${seconds(batch.finished - batch.started)} s`,
  );
  // Before anything is stopped: shutting down writes lines of its own.
  const logHits = await scanLogs([serverLog, databaseLog]);
  console.log(`Machine: ${await loadAverage()} load average after the soak\n`);

  const during = rounds.filter((r) => r.started < batch.finished && r.ended > batch.started).length;
  const byPage = [...adminLoads, ...publicLoads].map((load) => {
    const mine = answers.filter((a) => a.path === load.path);
    return {
      measure: `${load.kind} ${load.page} (${mine.length})`,
      value: `${statusSummary(mine)}; p50 ${percentile(mine, 50)} ms, max ${percentile(mine, 100)} ms`,
    };
  });
  const serverErrors = answers.filter((a) => typeof a.status === 'number' && a.status >= 500).length;
  const requestErrors = answers.filter((a) => a.status === 'error');
  const notSignedIn = answers.filter((a) => a.kind === 'admin' && a.status !== 'error' && (a.status !== 200 || !a.signedIn)).length;
  const protocolErrors = logHits.reduce((sum, hit) => sum + hit.count, 0);
  const rows: Row[] = [
    ...byPage,
    { measure: 'rounds that overlapped the import', value: `${during} of ${ROUNDS}` },
    { measure: 'responses 5xx', value: String(serverErrors), target: '0', pass: serverErrors === 0 },
    { measure: 'requests failed (network error or timeout)', value: String(requestErrors.length), target: '0', pass: requestErrors.length === 0 },
    { measure: 'admin loads not answered 200 signed in', value: String(notSignedIn), target: '0', pass: notSignedIn === 0 },
    {
      measure: 'protocol errors in the server and database logs',
      value: logHits.length ? logHits.map((hit) => `${hit.pattern} ×${hit.count}`).join(', ') : '0',
      target: '0',
      pass: protocolErrors === 0,
    },
    {
      measure: 'import: batch',
      value: `${batch.status}, created ${batch.created}, failed ${batch.failed}`,
      target: `DONE, created ${PAGES}, failed 0`,
      pass: batch.status === 'DONE' && batch.created === PAGES && batch.failed === 0,
    },
    { measure: 'import: articles added', value: String(articlesAfter - articlesBefore), target: String(PAGES), pass: articlesAfter - articlesBefore === PAGES },
  ];
  printTable(rows);
  for (const error of new Set(requestErrors.map((a) => `${a.page}: ${a.error}`))) console.log(`  request failed: ${error}`);
  for (const hit of logHits) console.log(`  log (${hit.pattern}): ${hit.first}`);
  const over = rows.filter((r) => r.pass === false).map((r) => r.measure);
  failed = over.length > 0;
  console.log(`\n${failed ? `FAIL: ${over.join('; ')}` : 'PASS: every target met'}`);
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);

/** `count` loads spread evenly over `loads`. */
function spread(loads: Load[], count: number): Load[] {
  return Array.from({ length: count }, (_, i) => loads[i % loads.length]);
}

async function fetchPage(base: string, load: Load, cookie: string, round: number): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(base + load.path, {
      headers: load.kind === 'admin' ? { cookie } : {},
      // A redirect to the sign-in page is an answer to count, not one to follow.
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const html = await response.text();
    return { ...load, round, status: response.status, ms: performance.now() - started, signedIn: html.includes('data-testid="current-user"') };
  } catch (error) {
    return { ...load, round, status: 'error', ms: performance.now() - started, signedIn: false, error: (error as Error).message };
  }
}

/**
 * What the loads read: the newest published sample page (its editor and its page), the month with
 * the most published pages, and the region with the most, or Guangdong when the samples name none
 * (a region page lists what it has, also nothing).
 */
async function pickTargets(): Promise<{ articleId: string; slug: string; regionCode: string; month: string }> {
  const [article] = await db.$queryRaw<{ articleId: string; slug: string }[]>`
    SELECT a.id AS "articleId", r.slug FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId"
    WHERE a."deletedAt" IS NULL ORDER BY a."publishedAt" DESC, a.id LIMIT 1`;
  const [month] = await db.$queryRaw<{ month: string }[]>`
    SELECT to_char(r."contentDate", 'YYYY-MM') AS month FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId"
    WHERE a."deletedAt" IS NULL AND r."contentDate" IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 DESC LIMIT 1`;
  const [region] = await db.$queryRaw<{ regionCode: string }[]>`
    SELECT "provinceCode" AS "regionCode" FROM "PublishedArticleRegion" GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`;
  if (!article || !month) throw new Error('the demo content has no published page with a content date');
  return { ...article, month: month.month, regionCode: region?.regionCode ?? '440000' };
}

type Batch = { status: string; created: number; updated: number; unchanged: number; failed: number; started: number; finished: number };

/** The batch once its job has finished with it (DONE or FAILED). */
async function waitForBatch(batchId: string, since: number): Promise<Batch> {
  while (Date.now() - since < IMPORT_TIMEOUT_MS) {
    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: batchId } });
    if (batch.status === 'DONE' || batch.status === 'FAILED') {
      return { ...batch, started: batch.startedAt?.getTime() ?? since, finished: batch.finishedAt?.getTime() ?? Date.now() };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the import did not finish within ${IMPORT_TIMEOUT_MS / 60_000} minutes`);
}

/**
 * Lines of the logs that hold one of PROTOCOL_ERRORS (case-insensitive), per pattern: how many,
 * and the first. Says how much it read, so that an empty or missing log does not pass unseen.
 */
async function scanLogs(files: string[]): Promise<{ pattern: string; count: number; first: string }[]> {
  const logs = await Promise.all(files.map(async (file) => ({ file, lines: (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean) })));
  console.log(`Logs scanned: ${logs.map((log) => `${log.file} (${log.lines.length} lines)`).join(', ')}`);
  const lines = logs.flatMap((log) => log.lines);
  return PROTOCOL_ERRORS.flatMap((pattern) => {
    const hits = lines.filter((line) => line.toLowerCase().includes(pattern.toLowerCase()));
    return hits.length ? [{ pattern, count: hits.length, first: hits[0].slice(0, 300) }] : [];
  });
}

function statusSummary(answers: Answer[]): string {
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(String(a.status), (counts.get(String(a.status)) ?? 0) + 1);
  return [...counts]
    .sort()
    .map(([status, n]) => `${status} ×${n}`)
    .join(', ');
}

function percentile(answers: Answer[], p: number): string {
  const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(0) : '-';
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}
