import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliReport } from '@/lib/import/import-command';
import { deadBatchMessage, interruptedBySignalMessage, startBatchLease } from '@/lib/import/batch-lease';
import { createTestDatabase, type TestDatabase } from '../../scripts/lib/test-database';
import { runScript } from './run-script';

// `npm run import` killed in the middle of a batch: its batch is failed by the next run (SIGKILL
// leaves nobody to do it earlier), or at once on SIGINT/SIGTERM, instead of showing as importing
// forever; running the same files again resumes, the files already imported being unchanged.
let database: TestDatabase;
let sql: pg.Client;
let workDir: string;
let records: string;
let small: string;
const running = new Set<ChildProcess>();

const RECORDS = 150;
// Each test starts real processes (a few seconds each on a busy machine).
const TIMEOUT = 120_000;

function record(i: number) {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
  return {
    type: 'article',
    id: `old-${i}`,
    sourceKey: `kill-test-${i}`,
    title: `中断测试第${i}篇`,
    slug: `kill-test-${i}`,
    summary: '',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `第${i}篇正文。` }] }] },
    disclaimer: '',
    category: '',
    contentDate: null,
    regions: [],
    recommendations: [],
    status: 'DRAFT',
    version: 1,
    importedVersion: 1,
    rejectedRegionCodes: [],
    sourceFile: null,
    sourceHash: null,
    createdBy: null,
    updatedBy: null,
    createdAt: at,
    updatedAt: at,
    publishedAt: null,
    scheduledAt: null,
    published: null,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  workDir = await mkdtemp(path.join(tmpdir(), 'baoda-killed-'));
  const header = JSON.stringify({ format: 'baoda-articles', version: 1 });
  records = path.join(workDir, 'records.ndjson');
  await writeFile(records, [header, ...Array.from({ length: RECORDS }, (_, i) => JSON.stringify(record(i)))].join('\n'));
  small = path.join(workDir, 'small.ndjson');
  await writeFile(small, [header, JSON.stringify({ ...record(RECORDS), sourceKey: 'kill-test-small', slug: 'kill-test-small' })].join('\n'));
  // Migrates the fresh database, so that the tests below can watch it from the start.
  const first = await runScript('scripts/import.ts', ['--json', small], { DATABASE_URL: database.url });
  expect(first.code, first.stderr).toBe(0);
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
}, 120_000);

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await sql?.end();
  await database?.drop();
  await rm(workDir, { recursive: true, force: true });
});

/** The real CLI (node with tsx as a loader, not the tsx wrapper, so that signals reach it as sent). */
function startImport(file: string): { child: ChildProcess; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', '--json', file], {
    env: { ...process.env, DATABASE_URL: database.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout!.resume();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal, stderr });
    }),
  );
  return { child, exit };
}

type BatchRow = { id: string; status: string; processedFiles: number; error: string | null; finishedAt: Date | null; created: number; unchanged: number };

async function batches(): Promise<BatchRow[]> {
  const { rows } = await sql.query<BatchRow>(
    'SELECT id, status, "processedFiles", error, "finishedAt", created, unchanged FROM "ImportBatch" ORDER BY "createdAt"',
  );
  return rows;
}

/**
 * Waits until a RUNNING batch has imported `files` files (the process is in the middle of it).
 * Counted from its items, each committed with its file: processedFiles moves by whole chunks.
 */
async function runningBatchAfter(files: number): Promise<BatchRow> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { rows } = await sql.query<{ id: string }>(
      `SELECT b.id FROM "ImportBatch" b WHERE b.status = 'RUNNING' AND (SELECT count(*) FROM "ImportItem" i WHERE i."batchId" = b.id) >= $1`,
      [files],
    );
    const batch = rows.length ? (await batches()).find((b) => b.id === rows[0].id) : undefined;
    if (batch) return batch;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no running batch reached ${files} files`);
}

async function clearArticles() {
  await sql.query('TRUNCATE "Article", "ImportBatch", "AuditEvent" CASCADE');
}

describe('a CLI import killed in the middle of its batch', { timeout: TIMEOUT }, () => {
  it('is failed by the next run after SIGKILL, and running the same file again resumes', async () => {
    await clearArticles();
    const { child, exit } = startImport(records);
    const batch = await runningBatchAfter(5);
    child.kill('SIGKILL');
    expect((await exit).signal).toBe('SIGKILL');
    const [killed] = await batches();
    // Nobody was left to say so: it still reads as importing.
    expect(killed).toMatchObject({ id: batch.id, status: 'RUNNING' });
    const { rows } = await sql.query<{ count: number }>('SELECT count(*)::int AS count FROM "ImportItem" WHERE "batchId" = $1', [batch.id]);
    const imported = rows[0].count;
    expect(imported).toBeGreaterThanOrEqual(5);
    expect(imported).toBeLessThan(RECORDS);

    const again = await runScript('scripts/import.ts', ['--json', records], { DATABASE_URL: database.url });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`此前的导入批次 ${batch.id} 的进程已不在运行，已将其标记为失败。`);
    const report = JSON.parse(again.stdout) as CliReport;
    expect(report.totals).toEqual({ created: RECORDS - imported, updated: 0, unchanged: imported, failed: 0 });
    const [failed, resumed] = await batches();
    expect(failed).toMatchObject({ id: batch.id, status: 'FAILED', error: deadBatchMessage, processedFiles: imported, created: imported });
    expect(failed.finishedAt).not.toBeNull();
    expect(resumed).toMatchObject({ id: report.batchId, status: 'DONE' });
  });

  it('leaves a batch whose import is still running alone', async () => {
    await clearArticles();
    const { exit } = startImport(records);
    const batch = await runningBatchAfter(5);
    // What the next run does first, done here while the import is surely still running (another
    // process would take seconds to start).
    await (await startBatchLease(database.url)).end();
    expect((await batches()).find((b) => b.id === batch.id)).toMatchObject({ status: 'RUNNING', error: null });
    expect((await exit).code).toBe(0);
    expect((await batches()).find((b) => b.id === batch.id)).toMatchObject({ status: 'DONE', created: RECORDS });
  });

  it('fails its batch at once on SIGTERM', async () => {
    await clearArticles();
    const { child, exit } = startImport(records);
    const batch = await runningBatchAfter(5);
    child.kill('SIGTERM');
    const ended = await exit;
    expect(ended.code).toBe(143);
    expect(ended.stderr).toContain(`批次 ${batch.id} 已标记为失败`);
    expect(ended.stderr).not.toMatch(/^\s+at /m);
    const [row] = await batches();
    expect(row).toMatchObject({ id: batch.id, status: 'FAILED', error: interruptedBySignalMessage('SIGTERM') });
  });
});
