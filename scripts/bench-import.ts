// npm run bench:import [-- <pages>] — the import benchmark of issue 13, on <pages> scraped pages
// (default 10,000) generated from prisma/sample-pages, printed as one table:
//  1. The CLI (scripts/import.ts, in a process of its own) imports them into a fresh database on
//     the machine's PostgreSQL; a plain server-side COPY of the resulting rows into the same tables
//     of a second fresh database on the same server is timed in the same run. Checks: import ≤
//     2.0× COPY, and the import process's peak RSS ≤ 512 MB.
//  2. The same, import and COPY floor, on the embedded PostgreSQL (lib/db/embedded.ts): a server
//     of its own on a temporary data folder, started as the demo starts its own (fsync on; its
//     build has no lz4, so TOAST is pglz for both). Check: import ≤ 2.0× COPY; peak RSS printed.
//  3. The server's job worker: the production server (scripts/serve.ts, one process, which runs
//     the pg-boss workers) is started on a third fresh database and fed the pages the way an
//     upload is: staged as .zip archives of at most 2,500 pages in ImportStage, confirmed with
//     confirmUpload (one batch, one job). Its RSS is sampled while it imports. Check: growth over
//     its idle RSS ≤ 300 MB. Builds the app first when the build is missing or stale.
// BENCH_CLI=0, BENCH_EMBEDDED=0 or BENCH_WORKER=0 skips part 1, 2 or 3. All databases, servers
// and pages are removed at the end, also on Ctrl-C.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { zipSync } from 'fflate';
import pg from 'pg';
import { createDb } from '@/lib/db/client';
import { openEmbeddedDatabase } from '@/lib/db/embedded';
import type { CliReport } from '@/lib/import/import-command';
import { confirmUpload } from '@/lib/import/stage-upload';
import { stopJobQueue } from '@/lib/jobs/queue';
import { detectRegions, warmUpRegionDetector } from '@/lib/regions/detect-regions';
import { freePort } from '@/lib/net/ports';
import { loadAverage, printTable, type Row } from './lib/bench-table';
import { HEAP_LIMIT_FLAG } from './lib/node-heap';
import { generatePages } from './lib/generate-pages';
import { buildIsStale, nextBin, run } from './lib/next-build';
import { startServeProcess, stopServeProcess } from './lib/serve-process';
import { createDatabaseOn, createTestDatabase, machineAdminUrl, type TestDatabase } from './lib/test-database';

const LIMIT_COPY_RATIO = 2.0;
const LIMIT_PEAK_MB = 512;
const LIMIT_WORKER_GROWTH_MB = 300;
// The archive limits (lib/import/limits.ts) allow 10,000 entries and 50 MB compressed; generated
// pages are ~14 KB (~6 KB compressed), so a 10,000-page batch is staged as several archives.
const PAGES_PER_ARCHIVE = 2_500;

const args = process.argv.slice(2);
const pageCount = args.length ? Number(args[0]) : 10_000;
const runCliPart = process.env.BENCH_CLI !== '0';
const runEmbedded = process.env.BENCH_EMBEDDED !== '0';
const runWorker = process.env.BENCH_WORKER !== '0';
if (args.length > 1 || !Number.isInteger(pageCount) || pageCount < 1) {
  console.error('Usage: npm run bench:import [-- <number of pages>]   (env: BENCH_CLI=0, BENCH_EMBEDDED=0, BENCH_WORKER=0 skip a part)');
  process.exit(1);
}

// The tables an import writes, parents first, so that COPY meets every foreign key in order.
const TABLES = ['ImportBatch', 'Article', 'ArticleSearch', 'RecommendationItem', 'ArticleRegion', 'Revision', 'AuditEvent', 'ImportItem'];

const MiB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MiB).toFixed(0);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString('en-US');

const rows: Row[] = [];

const folder = await mkdtemp(path.join(tmpdir(), 'baoda-bench-import-'));
// What to stop and remove at the end, undone last first: databases before the server they are on.
const cleanups: (() => Promise<void>)[] = [async () => void (await rm(folder, { recursive: true, force: true }))];
let server: ChildProcess | undefined;
let failed = false;

let cleaningUp: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaningUp ??= (async () => {
    if (server) await stopServeProcess(server);
    await stopJobQueue().catch(() => {});
    await undoFrom(0);
  })();
  return cleaningUp;
}

/** Runs the cleanups pushed since `mark`, last first. */
async function undoFrom(mark: number): Promise<void> {
  for (const undo of cleanups.splice(mark).reverse()) await undo().catch((error) => console.error('cleaning up after the benchmark failed', error));
}
// The embedded server runs detached (pg_ctl): an interrupted run must stop it too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void cleanUp().then(() => process.exit(130)));
}

try {
  const pages = path.join(folder, 'pages');
  const generated = await generatePages({ count: pageCount, folder: pages });
  console.log(`Generated ${count(generated.files)} pages (${count(generated.items)} recommendation items, ${mb(generated.bytes)} MB) in ${folder}`);
  console.log(`Machine: ${await loadAverage()} load average at the start`);

  // 1. The CLI on the machine's PostgreSQL, and COPY of the same rows.
  if (runCliPart) {
    const adminUrl = await machineAdminUrl();
    if (!adminUrl) throw new Error('bench:import needs the machine PostgreSQL (127.0.0.1:5432 or TEST_DATABASE_ADMIN_URL) for part 1; BENCH_CLI=0 skips it');
    const mark = cleanups.length;
    const importMs = await measureCli({ createDatabase: () => createDatabaseOn(adminUrl), checkPeak: true }, pages);
    rows.push(regionDetectionRow(generated.titles, importMs));
    await undoFrom(mark);
  }

  // 2. The same on the embedded PostgreSQL, on a server of its own as the demo runs one.
  if (runEmbedded) {
    const mark = cleanups.length;
    const dataDir = await mkdtemp(path.join(tmpdir(), 'baoda-bench-embedded-'));
    cleanups.push(async () => void (await rm(dataDir, { recursive: true, force: true })));
    const embedded = await openEmbeddedDatabase({ command: 'npm run bench:import', whenHeld: 'refuse', dataDir });
    cleanups.push(embedded.stop);
    await measureCli({ createDatabase: () => createDatabaseOn(embedded.url), checkPeak: false, embedded: true }, pages);
    // Stopped before part 3, so that an idle server does not share the machine with it.
    await undoFrom(mark);
  }

  // 3. The server's job worker, fed as an upload feeds it.
  if (runWorker) {
    const worker = await measureWorker(pages, pageCount);
    rows.push(
      { measure: 'job worker: server RSS idle (after start-up and one page)', value: `${mb(worker.idleRss)} MB` },
      { measure: `job worker: import of ${count(pageCount)} pages (one upload batch)`, value: `${s(worker.ms)}, peak RSS ${mb(worker.peakRss)} MB` },
      {
        measure: 'job worker: growth over idle',
        value: `${mb(worker.peakRss - worker.idleRss)} MB`,
        target: `≤ ${LIMIT_WORKER_GROWTH_MB} MB`,
        pass: worker.peakRss - worker.idleRss <= LIMIT_WORKER_GROWTH_MB * MiB,
      },
    );
  }

  console.log(`Machine: ${await loadAverage()} load average at the end\n`);
  printTable(rows);
  const checks = rows.filter((r) => r.pass !== undefined);
  failed = checks.some((r) => !r.pass);
  const over = checks.filter((r) => !r.pass).map((r) => r.measure);
  console.log(`\n${failed ? `FAIL: ${over.join('; ')} over the target` : 'PASS: every target met'}`);
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);

/** Where parts 1 and 2 create their databases (the import's and the COPY floor's, on one server). */
type Engine = { createDatabase: () => Promise<TestDatabase>; checkPeak: boolean; embedded?: boolean };

/** A fresh database of `engine`'s, dropped at the end. */
async function freshDatabase(engine: Engine): Promise<TestDatabase> {
  const database = await engine.createDatabase();
  cleanups.push(database.drop);
  return database;
}

/**
 * Parts 1 and 2: the CLI imports `pages` into a fresh database of `engine`'s; then COPY of the rows
 * it wrote into a second fresh database on the same server. Returns the import's time.
 */
async function measureCli(engine: Engine, pages: string): Promise<number> {
  const database = await freshDatabase(engine);
  const server = await describeServer(database.url);
  const name = `${engine.embedded ? 'embedded ' : ''}PostgreSQL ${server.version}`;
  console.log(`\nImport database: ${database.kind}, ${name} (${server.settings})`);
  await migrate(database.url);
  const cli = await runCli(pages, database.url, pageCount);
  const counts = await countRows(database.url);
  const totalRows = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(
    `rows written: ${Object.entries(counts)
      .map(([k, v]) => `${k} ${count(v)}`)
      .join(', ')}`,
  );
  const copyMs = await copyBaseline(engine, database.url);
  const ratio = cli.ms / copyMs;
  const peak = { measure: `peak RSS of the import process (VmHWM), ${name}`, value: `${mb(cli.peakRss)} MB` };
  rows.push(
    {
      measure: `import, ${name} (${count(pageCount)} pages, ${count(totalRows)} rows)`,
      value: `${s(cli.ms)}, ${(pageCount / (cli.ms / 1000)).toFixed(0)} pages/s`,
    },
    { measure: `COPY of the same rows into the same tables, ${name}`, value: s(copyMs) },
    { measure: `import / COPY, ${name}`, value: `${ratio.toFixed(2)}×`, target: `≤ ${LIMIT_COPY_RATIO.toFixed(1)}×`, pass: ratio <= LIMIT_COPY_RATIO },
    engine.checkPeak ? { ...peak, target: `≤ ${LIMIT_PEAK_MB} MB`, pass: cli.peakRss <= LIMIT_PEAK_MB * MiB } : { ...peak, target: 'printed' },
  );
  return cli.ms;
}

/** The server's version and the settings that move a write-heavy benchmark. */
async function describeServer(url: string): Promise<{ version: string; settings: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const {
      rows: [row],
    } = await client.query<Record<string, string>>(
      `SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sync,
              current_setting('full_page_writes') AS fpw, current_setting('shared_buffers') AS buffers`,
    );
    // The import's own connection asks for lz4 the same way (lib/import/import-pages.ts).
    const lz4 = await client.query(`SET default_toast_compression = 'lz4'`).then(
      () => true,
      () => false,
    );
    return {
      version: row.version.split(' ')[0],
      settings: `fsync ${row.fsync}, synchronous_commit ${row.sync}, full_page_writes ${row.fpw}, shared_buffers ${row.buffers}, TOAST ${lz4 ? 'lz4' : 'pglz (no lz4)'}`,
    };
  } finally {
    await client.end();
  }
}

/**
 * Region detection in the import is the detector's one-off build (with the shared segmenter)
 * plus one call per page title, timed here on their own.
 */
function regionDetectionRow(titles: string[], importMs: number): Row {
  let started = performance.now();
  warmUpRegionDetector();
  const detectorBuildMs = performance.now() - started;
  started = performance.now();
  for (const title of titles) detectRegions(title);
  const detectMs = performance.now() - started + detectorBuildMs;
  return {
    measure: 'region detection (segmenter and index build included)',
    value: `${(detectMs / 1000).toFixed(2)} s = ${((100 * detectMs) / importMs).toFixed(1)} % of the import`,
  };
}

/** Reads VmRSS (now) and VmHWM (the high-water mark) of a process from /proc. */
async function memoryOf(pid: number): Promise<{ rss: number; hwm: number } | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const rss = /VmRSS:\s+(\d+) kB/.exec(status);
  const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
  return rss && hwm ? { rss: Number(rss[1]) * 1024, hwm: Number(hwm[1]) * 1024 } : null;
}

/**
 * Runs scripts/import.ts on `pages` in one node process (tsx as a loader, not tsx's own wrapper
 * process), following its memory high-water mark in /proc until it exits.
 */
async function runCli(pages: string, url: string, expected: number): Promise<{ ms: number; peakRss: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [HEAP_LIMIT_FLAG, '--import', 'tsx', 'scripts/import.ts', '--json', pages], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  let peakRss = 0;
  const sampler = setInterval(() => void memoryOf(child.pid!).then((m) => m && (peakRss = Math.max(peakRss, m.hwm))), 25);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`import exited with ${code}`);
  const t = (JSON.parse(stdout) as CliReport).totals;
  console.log(
    `Import into ${new URL(url).pathname.slice(1) || url}: created ${t.created}, updated ${t.updated}, unchanged ${t.unchanged}, failed ${t.failed} in ${s(ms)}`,
  );
  if (t.created !== expected) throw new Error(`expected ${expected} created pages`);
  return { ms, peakRss };
}

/**
 * `npm run db:migrate` (migrations and the region table) in a child process: the schema engine
 * is WebAssembly of a few hundred MB that the import never loads, so it must not count in the
 * import's peak memory.
 */
async function migrate(url: string): Promise<void> {
  await promisify(execFile)(path.join(process.cwd(), 'node_modules/.bin/tsx'), ['scripts/migrate.ts'], { env: { ...process.env, DATABASE_URL: url } });
}

async function countRows(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of TABLES) counts[table] = Number((await client.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
    return counts;
  } finally {
    await client.end();
  }
}

/**
 * The floor for writing these rows: the server's own COPY (text files on the database host)
 * into the same, freshly migrated tables with the same indexes, on the same server, in one
 * transaction.
 */
async function copyBaseline(engine: Engine, sourceUrl: string): Promise<number> {
  const target = await freshDatabase(engine);
  await migrate(target.url);
  const dumpFolder = path.join(tmpdir(), `baoda-bench-copy-${process.pid}`);
  const source = new pg.Client({ connectionString: sourceUrl });
  const client = new pg.Client({ connectionString: target.url });
  await source.connect();
  await client.connect();
  try {
    for (const table of TABLES) await source.query(`COPY "${table}" TO '${dumpFolder}-${table}.tsv'`);
    // The same TOAST compression the import's own connection asks for (lib/import/import-pages.ts).
    await client.query(`SET default_toast_compression = 'lz4'`).catch(() => {});
    const started = performance.now();
    await client.query('BEGIN');
    for (const table of TABLES) await client.query(`COPY "${table}" FROM '${dumpFolder}-${table}.tsv'`);
    await client.query('COMMIT');
    return performance.now() - started;
  } finally {
    // The server wrote them on this machine (both engines are local ones).
    for (const table of TABLES) await rm(`${dumpFolder}-${table}.tsv`, { force: true });
    await source.end();
    await client.end();
  }
}

/**
 * The production server on a fresh database; its idle RSS, then its RSS while its job worker
 * imports the pages of one confirmed upload. The upload's files are staged as previewUpload
 * stages them (ImportStage and its files; the preview's analysis runs in the server's request and
 * is not part of the job), minus its per-request size cap, which a 10,000-page batch of these
 * pages exceeds; confirmUpload then creates the batch and sends the job.
 */
async function measureWorker(pages: string, expected: number): Promise<{ idleRss: number; peakRss: number; ms: number }> {
  if (await buildIsStale()) {
    console.log('Building the app (next build) for the server…');
    await run(nextBin(), ['build']);
  }
  const database = await createTestDatabase();
  cleanups.push(database.drop);
  await migrate(database.url);
  // The job is sent from this process, through a pg-boss of its own, as the server action does.
  process.env.DATABASE_URL = database.url;
  const db = createDb(database.url);
  try {
    const user = await db.user.create({ data: { email: 'bench-import@example.invalid', name: '导入基准', passwordHash: 'not-a-hash', role: 'EDITOR' } });
    const names = (await readdir(pages)).filter((n) => n.endsWith('.txt')).sort();
    const archives: { name: string; bytes: Uint8Array }[] = [];
    for (let at = 0; at < names.length; at += PAGES_PER_ARCHIVE) {
      const entries: Record<string, Uint8Array> = {};
      for (const name of names.slice(at, at + PAGES_PER_ARCHIVE)) entries[name] = await readFile(path.join(pages, name));
      archives.push({ name: `pages-${archives.length + 1}.zip`, bytes: zipSync(entries) });
    }
    const stageId = `bench-${process.pid}-${Date.now()}`;
    await db.importStage.create({
      data: {
        id: stageId,
        userId: user.id,
        normalizePunctuation: true,
        expiresAt: new Date(Date.now() + 3_600_000),
        files: { create: archives.map((file, position) => ({ position, name: file.name, bytes: Buffer.from(file.bytes) })) },
      },
    });
    console.log(`Staged ${archives.length} archives (${mb(archives.reduce((sum, a) => sum + a.bytes.length, 0))} MB) for the job worker`);

    const port = await freePort();
    // One server process, so that the one measured is the one running the workers.
    server = await startServeProcess(port, { DATABASE_URL: database.url, WEB_CONCURRENCY: '1' });
    const pid = server.pid!;
    // Idle: after start-up and the home page it answered; the median of 5 s of samples.
    const idleSamples: number[] = [];
    for (let i = 0; i < 50; i++) {
      idleSamples.push((await memoryOf(pid))?.rss ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    idleSamples.sort((a, b) => a - b);
    const idleRss = idleSamples[Math.floor(idleSamples.length / 2)];

    let peakRss = idleRss;
    const sampler = setInterval(() => void memoryOf(pid).then((m) => m && (peakRss = Math.max(peakRss, m.rss))), 50);
    const started = performance.now();
    const { batchId } = await confirmUpload(db, { actorId: user.id, stageId, force: [] });
    let batch: { status: string; created: number; error: string | null } | null = null;
    while (!batch || batch.status === 'QUEUED' || batch.status === 'RUNNING') {
      await new Promise((resolve) => setTimeout(resolve, 250));
      batch = await db.importBatch.findUnique({ where: { id: batchId }, select: { status: true, created: true, error: true } });
      if (!batch) throw new Error('the batch disappeared');
      if (performance.now() - started > 30 * 60_000) throw new Error('the job worker did not finish within 30 minutes');
    }
    const ms = performance.now() - started;
    clearInterval(sampler);
    console.log(`Job worker: batch ${batch.status}, created ${batch.created} in ${s(ms)}`);
    if (batch.status !== 'DONE' || batch.created !== expected)
      throw new Error(`the job worker's batch ended ${batch.status} with ${batch.created} created (expected ${expected}): ${batch.error ?? ''}`);
    return { idleRss, peakRss, ms };
  } finally {
    if (server) await stopServeProcess(server);
    server = undefined;
    await stopJobQueue().catch(() => {});
    await db.$disconnect();
  }
}
