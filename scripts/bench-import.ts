// npm run bench:import [-- <pages>] — generates <pages> scraped pages (default 10,000) from
// prisma/sample-pages, imports them into a fresh database through the CLI's own entry point
// (scripts/import.ts, run as its own process), and prints pages/s, peak memory, the share of region detection, and the
// ratio to a plain COPY of the resulting rows into the same tables of a second fresh database.
// Checks 15 s and 500 MB for 10,000 pages. Both databases and the pages are removed at the end.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { readFile } from 'node:fs/promises';
import type { CliReport } from '@/lib/import/import-command';
import { detectRegions, warmUpRegionDetector } from '@/lib/regions/detect-regions';
import { generatePages } from './lib/generate-pages';
import { createTestDatabase, type TestDatabase } from './lib/test-database';

const LIMIT_SECONDS_PER_10K = 15;
const LIMIT_MB = 500;

const args = process.argv.slice(2);
const pageCount = args.length ? Number(args[0]) : 10_000;
if (args.length > 1 || !Number.isInteger(pageCount) || pageCount < 1) {
  console.error('Usage: npm run bench:import [-- <number of pages>]');
  process.exit(1);
}

// The tables an import writes, parents first, so that COPY meets every foreign key in order.
const TABLES = ['ImportBatch', 'Article', 'RecommendationItem', 'ArticleRegion', 'Revision', 'AuditEvent', 'ImportItem'];

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

const folder = await mkdtemp(path.join(tmpdir(), 'baoda-bench-import-'));
const databases: TestDatabase[] = [];
let failed = false;
try {
  const generated = await generatePages({ count: pageCount, folder });
  console.log(`Generated ${generated.files} pages (${generated.items} recommendation items, ${mb(generated.bytes)} MB) in ${folder}`);

  const database = await createTestDatabase();
  databases.push(database);
  process.env.DATABASE_URL = database.url;
  console.log(`Import database: ${database.kind}`);
  await migrate(database.url);

  // The import runs as `npm run import` does (scripts/import.ts → runImportCommand), in a process
  // of its own, so its peak memory is the CLI's and not this script's (generator, COPY).
  const run = await runCli(['--json', folder], database.url);
  const importMs = run.ms;
  const report = JSON.parse(run.stdout) as CliReport;
  const t = report.totals;
  console.log(`Import: created ${t.created}, updated ${t.updated}, unchanged ${t.unchanged}, failed ${t.failed}`);
  if (t.created !== pageCount) throw new Error(`expected ${pageCount} created pages`);

  // Region detection in the import is the detector's one-off index build plus one call per page.
  let started = performance.now();
  warmUpRegionDetector();
  const detectorBuildMs = performance.now() - started;
  // The same detectRegions calls the analysis made, timed on their own.
  started = performance.now();
  for (const title of generated.titles) detectRegions(title);
  const detectMs = performance.now() - started + detectorBuildMs;

  const counts = await countRows(database.url);
  const copyMs = await copyBaseline(database.url, databases);

  const seconds = importMs / 1000;
  const limitSeconds = (LIMIT_SECONDS_PER_10K * pageCount) / 10_000;
  console.log('');
  console.log(`rows written            ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`import                  ${seconds.toFixed(2)} s, ${(pageCount / seconds).toFixed(0)} pages/s, ${(Object.values(counts).reduce((a, b) => a + b, 0) / seconds).toFixed(0)} rows/s`);
  console.log(`peak memory (RSS)       ${mb(run.peakRss)} MB (the import process's high-water mark, VmHWM)`);
  console.log(`region detection        ${detectMs.toFixed(0)} ms = ${((100 * detectMs) / importMs).toFixed(1)} % of the import (detector build ${detectorBuildMs.toFixed(0)} ms included)`);
  console.log(`COPY of the same rows   ${(copyMs / 1000).toFixed(2)} s; import / COPY = ${(importMs / copyMs).toFixed(1)}×`);
  const slow = seconds > limitSeconds;
  const heavy = run.peakRss / 1024 / 1024 > LIMIT_MB;
  failed = slow || heavy;
  console.log(
    `\n${failed ? 'FAIL' : 'PASS'}: ${pageCount} pages in ${seconds.toFixed(2)} s (limit ${limitSeconds.toFixed(1)} s${slow ? ', over' : ''}), peak ${mb(run.peakRss)} MB (limit ${LIMIT_MB} MB${heavy ? ', over' : ''})`,
  );
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  for (const database of databases) await database.drop();
  await rm(folder, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

/**
 * Runs scripts/import.ts in one node process (tsx as a loader, not tsx's own wrapper process)
 * and follows its memory high-water mark in /proc until it exits.
 */
async function runCli(args: string[], url: string): Promise<{ ms: number; stdout: string; peakRss: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  let peakRss = 0;
  const sample = async () => {
    const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    if (hwm) peakRss = Math.max(peakRss, Number(hwm[1]) * 1024);
  };
  const sampler = setInterval(() => void sample(), 25);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`import exited with ${code}`);
  return { ms, stdout, peakRss };
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
 * into the same, freshly migrated tables with the same indexes, in one transaction.
 */
async function copyBaseline(sourceUrl: string, created: TestDatabase[]): Promise<number> {
  const target = await createTestDatabase();
  created.push(target);
  if (target.kind.startsWith('embedded')) throw new Error('The COPY baseline needs the machine PostgreSQL');
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
    // The server wrote them on this machine (createTestDatabase only uses a local one).
    for (const table of TABLES) await rm(`${dumpFolder}-${table}.tsv`, { force: true });
    await source.end();
    await client.end();
  }
}
