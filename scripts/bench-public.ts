// npm run bench:public [-- <articles>] — the public site under load, and how fast a publish
// reaches it. In a fresh database on the machine's PostgreSQL: a generated site of <articles>
// live articles (default 10,000) with regions and recommendation lists; then the production
// build (built first when missing or stale) served by scripts/serve.ts as a child process.
// 1. Throughput: an article, the home page, a region and a month page, each at 10 connections
//    for 10 s (wrk: a load generator in C, which leaves the cores to the server). Checks the article at ≥ 1,000 req/s with p99 ≤ 25 ms, and the
//    others within 20 % of the article's req/s.
// The server runs a process per core (WEB_CONCURRENCY, as the README says to run production).
// 2. Freshness: 20 articles renamed and published one by one through the real workflow
//    functions, in this process (not the server's); after each publish the article's page, one
//    of its region pages and a page recommending it are polled until they show the new title.
//    Checks publish → visible at ≤ 1 s p95 for each of the three.
// 3. The same with two instances sharing Redis (REDIS_URL, default redis://127.0.0.1:6379):
//    another 20 articles, each counted visible once both instances show it. Skipped, and said
//    so, when no Redis answers.
// The servers are stopped and the database dropped at the end, also on failure or Ctrl-C.
import { execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { createClient } from '@redis/client';
import pg from 'pg';
import type { SaveArticleInput } from '@/lib/articles/schemas';
import { db } from '@/lib/db/client';
import { prepareDatabase } from '@/lib/db/prepare-database';
import { createUser } from '@/lib/users/create-user';
import { generateArticles } from './lib/generate-articles';
import { freePort } from '@/lib/net/ports';
import { buildIsStale, nextBin, run } from './lib/next-build';
import { publishEdit } from './lib/publish-edit';
import { startServeProcess, stopServeProcess } from './lib/serve-process';
import { createTestDatabase, type TestDatabase } from './lib/test-database';

const MIN_ARTICLE_RPS = 1000;
const MAX_ARTICLE_P99_MS = 25;
const LIST_SHARE = 0.8; // home, region and month: at least 80 % of the article's req/s
const MAX_VISIBLE_P95_MS = 1000;
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_SECONDS = 3;
const execFileAsync = promisify(execFile);
const CONNECTIONS = 10;
const PUBLISHES = 20;
const POLL_MS = 20;
const VISIBLE_TIMEOUT_MS = 10_000;
const RECOMMENDATIONS_PER_ARTICLE = 5;
// As `npm start` is meant to run in production: a server process per core (README).
const serverProcesses = Number(process.env.WEB_CONCURRENCY ?? availableParallelism());

const args = process.argv.slice(2);
const articleCount = args.length ? Number(args[0]) : 10_000;
if (args.length > 1 || !Number.isInteger(articleCount) || articleCount < 100) {
  console.error('Usage: npm run bench:public [-- <number of articles, at least 100>]');
  process.exit(1);
}

// The pages polled after each publish: the article's own, a region page listing it, a page recommending it.
const kinds = ['article', 'region', 'recommender'] as const;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let database: TestDatabase | null = null;
const servers: ChildProcess[] = [];
let failed = false;

// Ctrl-C or a kill must not leave a server or a database behind.
let cleaningUp: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaningUp ??= (async () => {
    await stopServers();
    await db.$disconnect().catch(() => {});
    await database?.drop().catch((error) => console.error('Dropping the benchmark database failed:', error));
  })();
  return cleaningUp;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void cleanUp().then(() => process.exit(130)));
}

try {
  await execFileAsync('wrk', ['--version']).catch((error: NodeJS.ErrnoException & { code?: unknown }) => {
    // wrk prints its version and exits with 1; only a missing program is a problem.
    if (error.code === 'ENOENT')
      throw new Error(
        'bench:public needs wrk, a load generator in C (Debian: apt-get install wrk), so that the load takes little of the cores the server measured needs',
      );
  });
  database = await createTestDatabase();
  if (database.kind.startsWith('embedded'))
    throw new Error('bench:public needs the machine PostgreSQL (127.0.0.1:5432 or TEST_DATABASE_ADMIN_URL): the server and this script both connect to it');
  process.env.DATABASE_URL = database.url;
  console.log(`Benchmark database: ${database.kind}`);
  await prepareDatabase(database.url, db);

  let started = performance.now();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const generated = await generateArticles(client, {
    count: articleCount,
    allPublished: true,
    recommendations: RECOMMENDATIONS_PER_ARTICLE,
    publishedRevisions: true,
  });
  await client.end();
  console.log(
    `Generated ${generated.publishedRevisions} live articles, ${generated.regionTags} region tags and ${generated.recommendationItems} recommendation items in ${seconds(performance.now() - started)} s`,
  );

  // The people of the workflow: an editor edits and publishes, a reviewer approves (four eyes).
  const editor = await createUser(db, { email: 'bench-editor@bench.local', name: '压测编辑', role: 'EDITOR', password: randomBytes(18).toString('base64url') });
  const reviewer = await createUser(db, {
    email: 'bench-reviewer@bench.local',
    name: '压测审核',
    role: 'REVIEWER',
    password: randomBytes(18).toString('base64url'),
  });
  // Returns when the publish has committed.
  const publish = async (articleId: string, change: (input: SaveArticleInput) => SaveArticleInput) => {
    await publishEdit(editor, reviewer, articleId, change);
    return performance.now();
  };

  const targets = await pickPublishTargets(2 * PUBLISHES);
  if (targets.length < 2 * PUBLISHES) throw new Error(`only ${targets.length} articles are on page 1 of a region page and recommended by another article`);
  // What the pages that recommend them will link: an item naming the article's new title. Pages
  // resolve such items when they are read (lib/public/read-published.ts), so once the renamed
  // article is live the item becomes a link to it — the recommending page changes with the
  // publish of another article. Added before the server starts, through the same workflow.
  const byRecommender = new Map<string, PublishTarget[]>();
  for (const t of targets) byRecommender.set(t.recommenderId, [...(byRecommender.get(t.recommenderId) ?? []), t]);
  for (const [recommenderId, named] of byRecommender) {
    await publish(recommenderId, (input) => ({
      ...input,
      recommendations: [
        ...input.recommendations,
        ...named.map((t) => ({ title: t.newTitle, summary: '', category: '医保问答', itemDate: '', targetArticleId: null })),
      ],
    }));
  }
  // The pages under load: the newest article (first on the home page) and the fullest month.
  const [sample] = await db.$queryRaw<{ slug: string; month: string }[]>`
    SELECT r.slug, (SELECT to_char(v."contentDate", 'YYYY-MM') FROM "Revision" v JOIN "Article" x ON x."publishedRevisionId" = v.id
                    WHERE v."contentDate" IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 DESC LIMIT 1) AS month
    FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId"
    ORDER BY a."publishedAt" DESC, a.id LIMIT 1`;

  if (await buildIsStale()) {
    console.log(`\nBuilding the app into ${process.env.NEXT_DIST_DIR ?? '.next'} (none yet, or sources changed)…`);
    await run(nextBin(), ['build']);
  } else {
    console.log(`\nUsing the build in ${process.env.NEXT_DIST_DIR ?? '.next'} (newer than the sources)`);
  }
  const port = Number(process.env.BENCH_PORT ?? (await freePort()));
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(port, database.url, { WEB_CONCURRENCY: String(serverProcesses) });
  console.log(`Server: ${base} (pid ${server.pid}, ${serverProcesses} server process${serverProcesses === 1 ? '' : 'es'})\n`);

  // 1. Throughput.
  const pages = [
    { name: 'article', path: `/a/${sample.slug}` },
    { name: 'home', path: '/' },
    { name: 'region', path: '/regions/440000' },
    { name: 'month', path: `/months/${sample.month}` },
  ];
  console.log('Response headers after warming (Cache-Control; x-nextjs-cache):');
  const cacheControls: string[] = [];
  for (const page of pages) {
    const headers = await warm(base + page.path);
    cacheControls.push(headers.cacheControl);
    console.log(`  ${page.name.padEnd(8)} ${page.path.padEnd(34)} ${headers.cacheControl || '(none)'}; ${headers.nextCache || '(none)'}`);
  }
  const publicCaching = cacheControls.every((v) => /\bpublic\b/.test(v) && /\bs-maxage=/.test(v));
  console.log(`Public pages answered with Cache-Control: public, s-maxage…: ${publicCaching ? 'yes' : 'no'}\n`);

  // The server's code is compiled by V8 as it runs: a short load on every page first, so that
  // the measured runs see the server as it is after its first minutes, not its first requests.
  for (const page of pages) await load(base + page.path, WARM_SECONDS);

  const loads: ({ name: string; path: string } & Load)[] = [];
  for (const page of pages) loads.push({ ...page, ...(await load(base + page.path, LOAD_SECONDS)) });
  const article = loads[0];
  console.log(`Load: ${CONNECTIONS} connections, ${LOAD_SECONDS} s per page (wrk, one thread, on the same machine)`);
  console.log(`${'page'.padEnd(9)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'KB/resp'.padStart(9)}${'errors'.padStart(8)}  result`);
  const loadFailures: string[] = [];
  for (const load of loads) {
    const problems: string[] = [];
    if (load.bad > 0) problems.push(`${load.bad} errors or non-2xx`);
    if (load === article) {
      if (load.rps < MIN_ARTICLE_RPS) problems.push(`under ${MIN_ARTICLE_RPS} req/s`);
      if (load.p99 > MAX_ARTICLE_P99_MS) problems.push(`p99 over ${MAX_ARTICLE_P99_MS} ms`);
    } else if (load.rps < LIST_SHARE * article.rps) {
      problems.push(`under ${Math.round(LIST_SHARE * 100)} % of the article's req/s`);
    }
    if (problems.length) loadFailures.push(`${load.name}: ${problems.join(', ')}`);
    console.log(
      `${load.name.padEnd(9)}${load.rps.toFixed(0).padStart(9)}${load.p50.toFixed(1).padStart(9)}${load.p99.toFixed(1).padStart(9)}${load.kb.toFixed(1).padStart(9)}${String(load.bad).padStart(8)}  ${problems.length ? `FAIL (${problems.join(', ')})` : 'PASS'}`,
    );
  }

  // 2. Freshness: publish → visible, measured from the moment publishArticle has committed.
  console.log(`\nPublishing ${PUBLISHES} renamed articles one by one (poll every ${POLL_MS} ms, give up after ${VISIBLE_TIMEOUT_MS / 1000} s):`);
  const oneServer = await measureFreshness(targets.slice(0, PUBLISHES), [base], publish);
  await stopServers();

  // 3. The same, on two instances sharing one Redis.
  let twoInstances: Freshness | null = null;
  if (await redisAnswers(redisUrl)) {
    const keyPrefix = `bench-${randomBytes(4).toString('hex')}`;
    const bases: string[] = [];
    for (let i = 0; i < 2; i++) {
      const instancePort = await freePort();
      await startServer(instancePort, database.url, { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: keyPrefix, WEB_CONCURRENCY: '1' });
      bases.push(`http://127.0.0.1:${instancePort}`);
    }
    console.log(`\nTwo instances sharing Redis (${redisUrl}, keys ${keyPrefix}:…): ${bases.join(', ')}; visible = shown by both`);
    twoInstances = await measureFreshness(targets.slice(PUBLISHES), bases, publish);
    await stopServers();
    await clearRedisKeys(redisUrl, keyPrefix);
  } else {
    console.log(`\nTwo instances sharing Redis: skipped, no Redis answers at ${redisUrl}`);
  }
  const freshnessFailures = [
    ...oneServer.failures.map((f) => `one server: ${f}`),
    ...(twoInstances?.failures.map((f) => `two instances: ${f}`) ?? ['two instances: not measured']),
  ];

  failed = loadFailures.length > 0 || freshnessFailures.length > 0;
  const summary = `article ${article.rps.toFixed(0)} req/s p99 ${article.p99} ms; publish → visible p95 ${oneServer.summary}${twoInstances ? `, two instances ${twoInstances.summary}` : ''}`;
  console.log(`\n${failed ? `FAIL: ${[...loadFailures, ...freshnessFailures].join('; ')}` : 'PASS'} (${summary}; ${articleCount} articles)`);
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);

type Load = { rps: number; p50: number; p99: number; kb: number; bad: number };

/** `seconds` of load on `url` at CONNECTIONS connections: req/s, p50 and p99 in ms, KB per response, failed requests. */
async function load(url: string, seconds: number): Promise<Load> {
  const { stdout } = await execFileAsync('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '-s', 'scripts/lib/wrk-report.lua', url]);
  const report = JSON.parse(stdout.trim().split('\n').pop()!) as {
    requests: number;
    durationUs: number;
    bytes: number;
    socketErrors: number;
    non2xx: number;
    p50Us: number;
    p99Us: number;
  };
  return {
    rps: report.requests / (report.durationUs / 1e6),
    p50: report.p50Us / 1000,
    p99: report.p99Us / 1000,
    kb: report.requests ? report.bytes / report.requests / 1024 : 0,
    bad: report.socketErrors + report.non2xx,
  };
}

type Freshness = { failures: string[]; summary: string };

/**
 * Publishes each target's rename, then polls its page, a region page listing it and a page
 * recommending it on every server in `bases` until all of them show it; prints each and the
 * p50/p95 per kind.
 */
async function measureFreshness(
  targets: PublishTarget[],
  bases: string[],
  publish: (articleId: string, change: (input: SaveArticleInput) => SaveArticleInput) => Promise<number>,
): Promise<Freshness> {
  const delays: Record<(typeof kinds)[number], number[]> = { article: [], region: [], recommender: [] };
  for (const [i, target] of targets.entries()) {
    const checks = {
      article: { path: `/a/${target.slug}`, shows: (html: string) => html.includes(target.newTitle) },
      region: { path: `/regions/${target.regionCode}`, shows: (html: string) => html.includes(target.newTitle) },
      // Before the publish this page already names the new title, as an item without a link.
      recommender: { path: `/a/${target.recommenderSlug}`, shows: (html: string) => html.includes(`<a href="/a/${target.slug}">${target.newTitle}</a>`) },
    };
    // The pages as a reader last saw them (cached, where the app caches): none shows the change yet.
    for (const base of bases) {
      for (const kind of kinds) {
        const html = await (await fetch(base + checks[kind].path)).text();
        if (checks[kind].shows(html)) throw new Error(`${base}${checks[kind].path} shows "${target.newTitle}" before its publish`);
      }
    }
    const published = await publish(target.id, (input) => ({ ...input, title: target.newTitle }));
    const seen = await Promise.all(
      kinds.map(async (kind) => Math.max(...(await Promise.all(bases.map((base) => waitUntilShown(base + checks[kind].path, checks[kind].shows, published)))))),
    );
    kinds.forEach((kind, k) => delays[kind].push(seen[k]));
    console.log(
      `  ${String(i + 1).padStart(2)}. ${target.slug.padEnd(26)} ${kinds.map((kind, k) => `${kind} ${formatDelay(seen[k])}`).join('  ')}   (region /regions/${target.regionCode})`,
    );
  }
  const failures: string[] = [];
  for (const kind of kinds) {
    const sorted = [...delays[kind]].sort((a, b) => a - b);
    const p95 = percentile(sorted, 95);
    const timeouts = sorted.filter((d) => d === Infinity).length;
    const ok = p95 <= MAX_VISIBLE_P95_MS;
    if (!ok) failures.push(`${kind} page p95 ${formatDelay(p95)}`);
    console.log(
      `publish → visible, ${kind.padEnd(11)} p50 ${formatDelay(percentile(sorted, 50)).padStart(9)}  p95 ${formatDelay(p95).padStart(9)}${timeouts ? `  (${timeouts} not visible within ${VISIBLE_TIMEOUT_MS / 1000} s)` : ''}  ${ok ? 'PASS' : 'FAIL'}`,
    );
  }
  const summary = kinds
    .map(
      (kind) =>
        `${kind} ${formatDelay(
          percentile(
            [...delays[kind]].sort((a, b) => a - b),
            95,
          ),
        )}`,
    )
    .join(', ');
  return { failures, summary };
}

async function redisAnswers(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    if (client.isOpen) await client.quit();
  }
}

/** The benchmark's cache entries go with it. */
async function clearRedisKeys(url: string, keyPrefix: string): Promise<void> {
  const client = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${keyPrefix}:*`, COUNT: 1000 })) if (keys.length) await client.del(keys);
  await client.quit();
}

type PublishTarget = { id: string; slug: string; regionCode: string; recommenderId: string; recommenderSlug: string; newTitle: string };

/**
 * Live articles that a region page lists on its page 1 (ranked as the page orders: newest
 * publication first; a province's page lists its cities' and counties' articles) and that another
 * live article recommends. The largest region wins: a province page before a city's before a
 * county's. A republish keeps publishedAt, so the ranks hold through the benchmark.
 */
async function pickPublishTargets(count: number): Promise<PublishTarget[]> {
  const rows = await db.$queryRaw<{ id: string; slug: string; title: string; regionCode: string; recommenderId: string; recommenderSlug: string }[]>`
    WITH live AS (
      SELECT a.id, a."publishedAt", r.slug, r.title FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId" WHERE a."deletedAt" IS NULL
    ), listed AS (
      SELECT DISTINCT p."articleId", x.code
      FROM "PublishedArticleRegion" p CROSS JOIN LATERAL (VALUES (p."provinceCode"), (p."cityCode"), (p."regionCode")) x(code)
      WHERE x.code IS NOT NULL
    ), ranked AS (
      SELECT l."articleId", l.code, g.level, row_number() OVER (PARTITION BY l.code ORDER BY v."publishedAt" DESC, v.id ASC) AS rank
      FROM listed l JOIN live v ON v.id = l."articleId" JOIN "Region" g ON g.code = l.code
    ), best AS (
      SELECT DISTINCT ON (k."articleId") k."articleId", k.code, k.level
      FROM ranked k WHERE k.rank <= 20
      ORDER BY k."articleId", CASE k.level WHEN 'PROVINCE' THEN 0 WHEN 'CITY' THEN 1 ELSE 2 END, k.code
    )
    SELECT b."articleId" AS id, v.slug, v.title, b.code AS "regionCode", rec.id AS "recommenderId", rec.slug AS "recommenderSlug"
    FROM best b
    JOIN live v ON v.id = b."articleId"
    JOIN LATERAL (
      SELECT o.id, o.slug FROM "RecommendationItem" i JOIN live o ON o.id = i."articleId"
      WHERE i."targetArticleId" = b."articleId" ORDER BY o.id LIMIT 1
    ) rec ON true
    ORDER BY CASE b.level WHEN 'PROVINCE' THEN 0 WHEN 'CITY' THEN 1 ELSE 2 END, b."articleId"
    LIMIT ${count}`;
  return rows.map((row, i) => ({ ...row, newTitle: `${row.title}（第${i + 1}次更正）` }));
}

/** Milliseconds from `since` until a GET of `url` satisfies `shows`; Infinity after the timeout. */
async function waitUntilShown(url: string, shows: (html: string) => boolean, since: number): Promise<number> {
  while (performance.now() - since < VISIBLE_TIMEOUT_MS) {
    const response = await fetch(url);
    const html = await response.text();
    if (response.ok && shows(html)) return performance.now() - since;
    await sleep(POLL_MS);
  }
  return Infinity;
}

/** A few requests so that the page is rendered and cached; returns the last response's caching headers. */
async function warm(url: string): Promise<{ cacheControl: string; nextCache: string }> {
  let headers = new Headers();
  for (let i = 0; i < 5; i++) {
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    headers = response.headers;
  }
  return { cacheControl: headers.get('cache-control') ?? '', nextCache: headers.get('x-nextjs-cache') ?? '' };
}

/** scripts/serve.ts on `port`; said out loud if it goes away mid-run (it would show only as refused connections). */
async function startServer(port: number, databaseUrl: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = await startServeProcess(port, { ...env, DATABASE_URL: databaseUrl });
  servers.push(child);
  child.once('exit', (code, signal) => {
    if (servers.includes(child)) console.error(`The server (pid ${child.pid}) exited unexpectedly: ${signal ?? `code ${code}`}`);
  });
  return child;
}

async function stopServers(): Promise<void> {
  await Promise.all(servers.splice(0).map(stopServeProcess));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function formatDelay(ms: number): string {
  return ms === Infinity ? `>${VISIBLE_TIMEOUT_MS / 1000} s` : `${ms.toFixed(0)} ms`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
