import { setImmediate } from 'node:timers/promises';
import pg from 'pg';
import { StaleVersionError, writeVersions } from '@/lib/articles/write-versions';
import type { Db } from '@/lib/db/client';
import { pgConfigFromUrl } from '@/lib/db/pg-config';
import { pgSql, type Sql } from '@/lib/db/sql';
import { analyseInTurn, createDuplicateMarker, type AnalysedUnit } from './analyse-units';
import { failBatch, finishBatch, openBatch, progressRecorder, recordItems } from './batch';
import { expandInputs, type ImportInput, type ImportUnit } from './expand-inputs';
import { linkItemsToNewPages, planPages, preparePage, type PreparedPage } from './plan-pages';
import {
  busyFailure,
  databaseFailure,
  decidedResult,
  duplicateResult,
  failedResult,
  importItemRow,
  totalsOf,
  type ImportFileResult,
  type ImportReport,
} from './results';
import { resolvePendingLinks } from './pending-links';
import { importRecord } from './write-record';

// The import runner: files in, one ImportBatch out. It walks the batch in chunks: analyse a
// chunk (lib/import/analyse-units.ts, pure), plan its pages against the database
// (plan-pages.ts), write the planned versions (lib/articles/write-versions.ts, the one writer of
// article versions), record each file's result (batch.ts), one transaction per chunk.

/** A file's name and bytes: a page (.txt), a .zip of pages, or (CLI) an NDJSON export. */
export type ImportFile = { name: string; bytes: Uint8Array };

export type ImportOptions = {
  actorId: string | null;
  source: 'upload' | 'cli' | 'seed';
  files: ImportInput[];
  /** Restore full-width punctuation in Chinese text (default true); recorded on the batch. */
  normalizePunctuation?: boolean;
  /** Import conflicts as new revisions: every one (`true`, CLI --force) or those at these positions. */
  force?: boolean | readonly number[];
  /** Accept NDJSON export files (the CLI only; see ExpandOptions). */
  records?: boolean;
  /**
   * Import into this existing batch (queued by the upload page, lib/import/import-job.ts) instead
   * of creating one. Files the batch already has an ImportItem for were imported by an earlier,
   * interrupted run of the same job: they are skipped, so that a retried job ends exactly as one
   * clean run would.
   */
  batchId?: string;
  /** Called once the batch exists, before any file is written (the CLI's lease, lib/import/batch-lease.ts). */
  onBatchOpened?: (batchId: string) => Promise<void>;
  /** Called as chunks complete; the batch row records the same count (processedFiles) for the progress bar. */
  onProgress?: (processed: number, total: number) => void | Promise<void>;
};

/**
 * Files per chunk: one transaction, a fixed number of statements. Larger chunks are a little
 * faster and hold more pages in memory; IMPORT_CHUNK_FILES tunes it for a small worker.
 */
export function chunkFiles(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.IMPORT_CHUNK_FILES);
  return Number.isInteger(configured) && configured >= 1 ? configured : 200;
}

/** What the batch's run keeps of the options: everything but the files, which the units hold. */
type RunOptions = Omit<ImportOptions, 'files'>;

/**
 * Imports scraped pages (and, from the CLI, export records) as one ImportBatch. Re-importing the
 * same content changes nothing; a changed page updates its draft as a new revision unless an
 * editor has changed the article since its last import (a conflict, imported only on request).
 * A published version is never changed by an import.
 *
 * A chunk the database refuses is retried file by file, so the bad file is reported by name and
 * the others land; a killed import leaves whole chunks only, and running it again finds those
 * files unchanged.
 */
export function importPages(db: Db, { files, ...options }: ImportOptions): Promise<ImportReport> {
  // Not async itself: once the files are expanded nothing of this call stays, so that the units
  // are what holds them, and each file goes once its last page is analysed (BatchRun.importUnits).
  // A suspended async function would keep its arguments, and with them every archive of the
  // batch, to the end (the job's 10,000-page batch of bench:import: 56 MB of archives).
  let units: ImportUnit[];
  try {
    units = expandInputs(files, { records: options.records ?? false });
  } catch (error) {
    return Promise.reject(error);
  }
  return importUnitsAsBatch(db, units, options);
}

async function importUnitsAsBatch(db: Db, units: ImportUnit[], options: RunOptions): Promise<ImportReport> {
  const normalizePunctuation = options.normalizePunctuation ?? true;
  const { batchId, done } = await openBatch(db, { ...options, normalizePunctuation, totalFiles: units.length });
  try {
    await options.onBatchOpened?.(batchId);
    const run = new BatchRun(db, batchId, options, done);
    await run.importUnits(units, normalizePunctuation);
    const files = [...run.results.values()].sort((a, b) => a.position - b.position);
    await finishBatch(db, batchId, files);
    return { batchId, normalizePunctuation, files, totals: totalsOf(files) };
  } catch (error) {
    // A queued batch is failed or retried by its job; a batch opened here would otherwise show
    // as importing forever.
    if (!options.batchId) await failBatch(db, batchId);
    throw error;
  }
}

class BatchRun {
  /** Every file's result by position: the earlier run's, then this run's as chunks commit. */
  readonly results = new Map<number, ImportFileResult>();
  private readonly progress: (processed: number, total: number) => Promise<void>;

  constructor(
    private readonly db: Db,
    private readonly batchId: string,
    private readonly options: RunOptions,
    done: ImportFileResult[],
  ) {
    for (const result of done) this.results.set(result.position, result);
    this.progress = progressRecorder(db, batchId, options.onProgress);
  }

  /**
   * Analysis is CPU work in this process and writing is mostly the database's, so chunks are
   * analysed while earlier ones are written, up to CHUNKS_AHEAD chunks ahead of the one being
   * written: a chunk that takes the database longer than its successor takes to analyse does not
   * leave this process idle, nor one that analyses slowly the database.
   */
  async importUnits(units: ImportUnit[], normalizePunctuation: boolean): Promise<void> {
    const size = chunkFiles();
    const total = units.length;
    const markDuplicate = createDuplicateMarker();
    const connection = await connectForChunks();
    try {
      // Links an interrupted restore left waiting (lib/import/pending-links.ts).
      if (this.options.records) await resolvePendingLinks(this.db);
      // The writes not yet awaited, oldest first; each starts when the one before it is done.
      const writes: Promise<void>[] = [];
      let chunksWritten = 0;
      for (let start = 0; start < total; start += size) {
        // Taken off the list to be analysed, so that an archive's bytes go once its last page is
        // analysed rather than at the end of the batch. Files an earlier run of this batch
        // imported are analysed (for duplicates), not written again.
        const taken = units.splice(0, size);
        const chunk = (await analyseInTurn(taken, start, markDuplicate, normalizePunctuation)).filter((u) => !this.results.has(u.position));
        if (chunk.length === 0) continue;
        const pages = await this.prepareInTurn(chunk);
        // A failed write rejects every later one unwritten, and the await below rethrows it.
        const previous = writes.at(-1) ?? Promise.resolve();
        if (writes.length > CHUNKS_AHEAD) await writes.shift();
        const writing = previous.then(() =>
          this.writeChunk(connection, chunk, pages).then(async () => {
            chunksWritten += 1;
            // Statistics after the 1st, 4th, 16th … chunk: an import can grow the tables from nothing
            // to hundreds of thousands of rows in seconds, long before autovacuum looks, and with stale
            // statistics the planner scans whole tables for each chunk's lookups.
            if (isPowerOfFour(chunksWritten)) await refreshStatistics(connection.client, LOOKUP_TABLES);
            await this.progress(this.results.size, total);
          }),
        );
        // Until it is awaited, a failure is not unhandled.
        writing.catch(() => {});
        writes.push(writing);
      }
      await writes.at(-1);
      if (this.options.records) await resolvePendingLinks(this.db);
      // The tables have just grown by thousands of rows; fresh statistics keep the planner on the
      // indexes for the next import and the article list.
      if (chunksWritten) await refreshStatistics(connection.client, [...LOOKUP_TABLES, 'Revision', 'ArticleRegion']);
    } finally {
      await connection.client.end().catch(() => {});
    }
  }

  /**
   * The chunk's pages prepared for writing (pinyin, plain text, lexemes: CPU work like the
   * analysis), yielding after each so that the previous chunk's statements are answered at once.
   */
  private async prepareInTurn(chunk: AnalysedUnit[]): Promise<PreparedPage[]> {
    const pages: PreparedPage[] = [];
    for (const unit of chunk) {
      if (unit.state !== 'ready' || unit.candidate.kind !== 'page') continue;
      pages.push(preparePage(unit.position, unit.name, unit.candidate, this.isForced(unit.position)));
      await setImmediate();
    }
    return pages;
  }

  /** Records first (each in its own transaction), then the chunk's pages and the rest in one. */
  private async writeChunk({ client, sql }: ChunkConnection, chunk: AnalysedUnit[], pages: PreparedPage[]): Promise<void> {
    for (const unit of chunk) {
      if (unit.state !== 'ready' || unit.candidate.kind !== 'record') continue;
      const result = await importRecord(this.db, {
        batchId: this.batchId,
        unit,
        candidate: unit.candidate,
        force: this.isForced(unit.position),
        actorId: this.options.actorId,
      });
      this.results.set(result.position, result);
    }
    const rest = chunk.filter((u) => u.state !== 'ready' || u.candidate.kind === 'page');
    const unitAt = new Map(rest.map((u) => [u.position, u]));
    try {
      const results = await inTransaction(client, async () => {
        const written = await this.writePages(sql, pages, unitAt);
        const all = [...written, ...this.unwrittenResults(rest, written)];
        await recordItems(
          sql,
          this.batchId,
          all.map((r) => importItemRow(r, contentHashOf(unitAt.get(r.position)!))),
        );
        return all;
      });
      for (const result of results) this.results.set(result.position, result);
      return;
    } catch (error) {
      // A lost connection is not a bad file: the import stops and can be resumed.
      if (pages.length === 0 || !isStatementError(error)) throw error;
      console.error(`import: writing files ${chunk[0].name} … ${chunk[chunk.length - 1].name} together failed; retrying them one by one`, error);
    }
    // One page at a time, each in its own transaction: the same planner and writer.
    for (const page of pages) {
      let result: ImportFileResult;
      try {
        result = await inTransaction(client, async () => {
          const [written] = await this.writePages(sql, [page], unitAt);
          await recordItems(sql, this.batchId, [importItemRow(written, page.candidate.hash)]);
          return written;
        });
      } catch (error) {
        if (!isStatementError(error)) throw error;
        console.error(`import: ${page.fileName} failed at the database`, error);
        result = failedResult(unitAt.get(page.position)!, error instanceof StaleVersionError ? busyFailure : databaseFailure);
        await this.recordSafely(sql, result, page.candidate.hash);
      }
      this.results.set(result.position, result);
    }
    const unwritten = rest.filter((u) => u.state !== 'ready');
    for (const result of this.unwrittenResults(unwritten, [])) {
      await this.recordSafely(sql, result, contentHashOf(unitAt.get(result.position)!));
      this.results.set(result.position, result);
    }
  }

  /** Plans and writes pages in the open transaction; their results in batch order. */
  private async writePages(sql: Sql, pages: PreparedPage[], unitAt: Map<number, AnalysedUnit>): Promise<ImportFileResult[]> {
    if (pages.length === 0) return [];
    // The chunk's lookups are equalities on indexed columns (sourceKey, slug, title). With the
    // statistics lagging behind a fast-growing table, the planner has answered "title = ANY(…)"
    // with a bitmap scan of the trigram index (it supports equality too), taking seconds per
    // chunk; without bitmap scans it keeps to the b-tree and hash indexes.
    await sql.run('SET LOCAL enable_bitmapscan = off', []);
    const plan = await planPages(sql, pages);
    await writeVersions(sql, plan.versions, { actorId: this.options.actorId });
    await linkItemsToNewPages(sql, plan.created);
    return plan.outcomes.map((o) => decidedResult(unitAt.get(o.position)!, o.decision, o.articleId));
  }

  /** Results of the files that write nothing: refused by the analysis, or duplicates of an earlier file. */
  private unwrittenResults(units: AnalysedUnit[], written: ImportFileResult[]): ImportFileResult[] {
    const now = new Map(written.map((r) => [r.position, r]));
    return units.flatMap((unit) => {
      if (unit.state === 'failed') return [failedResult(unit, unit.failure)];
      if (unit.state === 'duplicate') return [duplicateResult(unit, now.get(unit.duplicateOf.position) ?? this.results.get(unit.duplicateOf.position))];
      return [];
    });
  }

  // Outside a file's transaction a failure to record must not stop the rest of the batch.
  private async recordSafely(sql: Sql, result: ImportFileResult, contentHash: string | null) {
    try {
      await recordItems(sql, this.batchId, [importItemRow(result, contentHash)]);
    } catch (error) {
      console.error(`import: recording the outcome of ${result.file} failed`, error);
    }
  }

  // A confirmation may force thousands of conflicts: the list becomes a Set once.
  private forcedPositions: Set<number> | null = null;

  private isForced(position: number): boolean {
    const { force } = this.options;
    if (force === true) return true;
    if (!Array.isArray(force)) return false;
    this.forcedPositions ??= new Set(force);
    return this.forcedPositions.has(position);
  }
}

/** An error the database gave for a statement (it has a SQLSTATE), or the writer's own stale-version error. */
function isStatementError(error: unknown): boolean {
  return error instanceof StaleVersionError || (typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string');
}

function contentHashOf(unit: AnalysedUnit): string | null {
  return unit.state === 'failed' ? null : unit.candidate.hash;
}

async function inTransaction<T>(client: pg.Client, run: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await run();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

// Chunks analysed and waiting behind the one being written, while one more is analysed: up to
// four chunks' pages are held at a time.
const CHUNKS_AHEAD = 2;

// The tables each chunk looks things up in (slugs and titles).
const LOOKUP_TABLES = ['Article', 'RecommendationItem'];

function isPowerOfFour(n: number): boolean {
  while (n > 1 && n % 4 === 0) n /= 4;
  return n === 1;
}

async function refreshStatistics(client: pg.Client, tables: string[]): Promise<void> {
  await client.query(`ANALYZE ${tables.map((t) => `"${t}"`).join(', ')}`).catch((error) => console.error('import: ANALYZE failed', error));
}

/** The chunks' connection: its transactions are the client's, its statements go through `sql`. */
type ChunkConnection = { client: pg.Client; sql: Sql };

/**
 * The chunks' own connection (DATABASE_URL, as the app's): a chunk's rows are megabytes, which
 * `pg` sends as they are, by COPY (lib/db/sql.ts).
 */
async function connectForChunks(): Promise<ChunkConnection> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const client = new pg.Client(pgConfigFromUrl(url));
  // A connection lost between statements makes the next statement fail; without a listener the
  // client's error event would end the process.
  client.on('error', (error) => console.error('import: the database connection failed', error));
  await client.connect();
  // Revisions and bodies are TOASTed; lz4 compresses them several times faster than the
  // default pglz. Servers built without lz4 (the embedded PostgreSQL's) keep pglz.
  await client.query(`SET default_toast_compression = 'lz4'`).catch(() => {});
  return { client, sql: pgSql(client) };
}
