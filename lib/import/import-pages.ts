import { setImmediate } from 'node:timers/promises';
import pg from 'pg';
import type { Db, Tx } from '@/lib/db/client';
import type { ImportItem } from '@/lib/generated/prisma/client';
import type { ImportOutcome } from '@/lib/generated/prisma/enums';
import { pgConfigFromUrl } from '@/lib/db/pg-config';
import { analyseUnit, analyseUnits, createDuplicateMarker, type AnalyseOptions, type AnalysedUnit, type Candidate } from './analyse-units';
import { preparePage, writePageChunk, type BulkImportItem, type BulkPage, type BulkPageOutcome } from './bulk-write';
import { decideImport, type ExistingArticle, type ImportDecision } from './decide-import';
import { expandInputs, type ImportInput, type ImportUnit } from './expand-inputs';
import type { ImportFailure, ImportReason } from './reasons';
import { createFromPage, findArticleForPage, findArticlesForPages, updateFromPage } from './write-page';
import { persistPendingLinks, resolvePendingLinks } from './pending-links';
import { createFromRecord, findArticleForRecord, updateFromRecord, type PendingLink } from './write-record';

export type { ImportInput } from './expand-inputs';
/** A file's name and bytes: a page (.txt), a .zip of pages, or (CLI) an NDJSON export. */
export type ImportFile = { name: string; bytes: Uint8Array };
export type ImportOutcomeName = 'created' | 'updated' | 'unchanged' | 'failed';
export type ImportTotals = Record<ImportOutcomeName, number>;

export type ImportFileResult = {
  /** Order in the batch (after archives are expanded); identifies the file between preview and confirm. */
  position: number;
  file: string;
  outcome: ImportOutcomeName;
  articleId?: string;
  title?: string;
  itemCount?: number;
  /** GB/T 2260 codes suggested from the title (for a page) or carried by the record. */
  regions?: string[];
  reason?: ImportReason;
  error?: string;
  warnings?: string[];
  /** Imported over an editor's changes because the editor asked for it. */
  forced?: boolean;
  /** A conflict that the editor may choose to import anyway. */
  canForce?: boolean;
  /** The earlier file of this batch holding the same page. */
  duplicateOf?: string;
};

export type ImportReport = { batchId: string; normalizePunctuation: boolean; files: ImportFileResult[]; totals: ImportTotals };
export type ImportPreview = { normalizePunctuation: boolean; files: ImportFileResult[]; totals: ImportTotals };

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
   * Internal (tests, benchmark): write pages chunk by chunk with set-based SQL (`true`) or file by
   * file (`false`). Unset, batches of BULK_MIN_FILES files or more take the chunked path.
   */
  bulk?: boolean;
  chunkSize?: number;
  /** The database `db` works on, for the chunked path's own connection (default DATABASE_URL). */
  databaseUrl?: string;
  /**
   * Import into this existing batch (queued by the upload page, lib/import/import-job.ts) instead
   * of creating one. Files the batch already has an ImportItem for were imported by an earlier,
   * interrupted run of the same job: they are skipped, so that a retried job ends exactly as one
   * clean run would.
   */
  batchId?: string;
  /**
   * Called as files complete: after each file, or after each chunk on the chunked path. The batch
   * row records the same count (processedFiles) for the progress bar on its page.
   */
  onProgress?: (processed: number, total: number) => void | Promise<void>;
  /** Called once the batch this import writes to is open (the CLI's lease: batch-lease.ts). */
  onBatchOpened?: (batchId: string) => Promise<void>;
};

/** From this many files a batch is written in chunks (about 10× faster); below it either path takes a moment. */
export const BULK_MIN_FILES = 50;
const CHUNK_SIZE = 250;

/**
 * What importing these files would do, file by file, without writing anything (not even an
 * ImportBatch). Runs the same analysis and the same decision function as importPages, chunk by
 * chunk as a large import does: one lookup per chunk for its pages, one chunk's pages in memory.
 */
export async function previewImport(db: Db, options: Omit<ImportOptions, 'actorId' | 'source'>): Promise<ImportPreview> {
  const normalizePunctuation = options.normalizePunctuation ?? true;
  const units = expandInputs(options.files, { records: options.records ?? false });
  const markDuplicate = createDuplicateMarker();
  const files: ImportFileResult[] = [];
  for (let start = 0; start < units.length; start += CHUNK_SIZE) {
    const chunk = await analyseInTurn(units, start, start + CHUNK_SIZE, markDuplicate, { normalizePunctuation });
    const existingPages = await findArticlesForPages(db, chunk.flatMap((u) => (u.state === 'ready' && u.candidate.kind === 'page' ? [u.candidate.sourceKey] : [])));
    for (const unit of chunk) files.push(await previewUnit(db, unit, files, isForced(options.force, unit.position), existingPages));
  }
  return { normalizePunctuation, files, totals: totalsOf(files) };
}

/**
 * Imports scraped pages (and, from the CLI, export records) as one ImportBatch. Each file is
 * decided and written in its own transaction, so a broken file is reported by name and never
 * half-written or stops the others. Re-importing the same content changes nothing; a changed
 * page updates its draft as a new revision unless an editor has changed the article since its
 * last import (a conflict, which is imported only on request). A published version is never
 * changed by an import.
 *
 * Large batches are analysed and written in chunks instead (see bulk-write.ts): one transaction
 * per chunk, the same decisions and rows. A chunk the database refuses is retried file by file,
 * so the bad file is reported and the others land; a killed import leaves whole chunks only,
 * and running it again finds those files unchanged.
 */
export async function importPages(db: Db, options: ImportOptions): Promise<ImportReport> {
  const normalizePunctuation = options.normalizePunctuation ?? true;
  const units = expandInputs(options.files, { records: options.records ?? false });
  const { batchId, done } = await openBatch(db, options, normalizePunctuation, units.length);
  try {
    await options.onBatchOpened?.(batchId);
    return await importIntoBatch(db, batchId, units, done, options);
  } catch (error) {
    // A queued batch is failed or retried by its job (import-job.ts); a batch opened here (the
    // CLI) would otherwise show as importing forever.
    if (!options.batchId) {
      await db.importBatch
        .updateMany({ where: { id: batchId, status: 'RUNNING' }, data: { status: 'FAILED', error: interruptedMessage, finishedAt: new Date() } })
        .catch(() => {});
    }
    throw error;
  }
}

const interruptedMessage = '导入中途出错，已停止。表中列出已处理的文件；请重新导入，已导入的文件会显示为“未变”。';

async function importIntoBatch(db: Db, batchId: string, units: ImportUnit[], done: ImportFileResult[], options: ImportOptions): Promise<ImportReport> {
  const normalizePunctuation = options.normalizePunctuation ?? true;
  // The files an earlier run of this batch imported count as they were recorded.
  const files: ImportFileResult[] = [...done];
  const donePositions = new Set(done.map((f) => f.position));
  const pending: PendingLink[] = [];
  const progress = progressRecorder(db, batchId, options.onProgress);
  if (options.records) await resolvePendingLinks(db);
  if (options.bulk ?? units.length >= BULK_MIN_FILES) {
    await importInChunks(db, batchId, units, files, pending, { ...options, onProgress: progress }, donePositions);
  } else {
    // Every file is analysed, imported or not, so that duplicates within the batch are found.
    for (const unit of analyseUnits(units, { normalizePunctuation })) {
      if (donePositions.has(unit.position)) continue;
      const { result, links } = await importUnit(db, batchId, unit, files, options.actorId, isForced(options.force, unit.position));
      files.push(result);
      pending.push(...links);
      await progress(files.length, units.length);
    }
  }
  if (options.records) await resolvePendingLinks(db);
  files.sort((a, b) => a.position - b.position);
  const totals = totalsOf(files);
  await db.importBatch.update({
    where: { id: batchId },
    data: { ...totals, status: 'DONE', processedFiles: files.length, finishedAt: new Date(), error: null },
  });
  return { batchId, normalizePunctuation, files, totals };
}

/**
 * The batch this import writes to, marked running: a new one, or the given queued one with the
 * results of the files an interrupted earlier run already imported into it.
 */
async function openBatch(db: Db, options: ImportOptions, normalizePunctuation: boolean, totalFiles: number): Promise<{ batchId: string; done: ImportFileResult[] }> {
  const now = new Date();
  if (!options.batchId) {
    const batch = await db.importBatch.create({
      data: { userId: options.actorId, source: options.source, normalizePunctuation, status: 'RUNNING', totalFiles, startedAt: now },
      select: { id: true },
    });
    return { batchId: batch.id, done: [] };
  }
  const batch = await db.importBatch.findUniqueOrThrow({ where: { id: options.batchId }, select: { id: true, startedAt: true } });
  const items = await db.importItem.findMany({ where: { batchId: batch.id }, orderBy: [{ position: 'asc' }, { id: 'asc' }] });
  const done = [...new Map(items.map((item) => [item.position, resultFromItem(item)])).values()];
  await db.importBatch.update({
    where: { id: batch.id },
    data: { status: 'RUNNING', totalFiles, processedFiles: done.length, startedAt: batch.startedAt ?? now, error: null },
  });
  return { batchId: batch.id, done };
}

// A file's outcome as the report names it and as ImportItem stores it.
const itemOutcomeOf = { created: 'CREATED', updated: 'UPDATED', unchanged: 'UNCHANGED', failed: 'FAILED' } as const satisfies Record<ImportOutcomeName, ImportOutcome>;
const outcomeOfItem = { CREATED: 'created', UPDATED: 'updated', UNCHANGED: 'unchanged', FAILED: 'failed' } as const satisfies Record<ImportOutcome, ImportOutcomeName>;

/** A file's result as its ImportItem recorded it (what a resumed import needs of earlier files). */
function resultFromItem(item: ImportItem): ImportFileResult {
  return {
    position: item.position,
    file: item.fileName,
    outcome: outcomeOfItem[item.outcome],
    ...(item.articleId ? { articleId: item.articleId } : {}),
    ...(item.title !== null ? { title: item.title, regions: item.regionCodes } : {}),
    ...(item.itemCount !== null ? { itemCount: item.itemCount } : {}),
    ...(item.reason ? { reason: item.reason as ImportReason } : {}),
    ...(item.error ? { error: item.error } : {}),
    ...(item.warnings.length ? { warnings: item.warnings } : {}),
    ...(item.forced ? { forced: true } : {}),
  };
}

/** Records progress on the batch row (the upload's progress bar polls it), then tells the caller. */
function progressRecorder(db: Db, batchId: string, onProgress: ImportOptions['onProgress']) {
  return async (processed: number, total: number): Promise<void> => {
    try {
      await db.importBatch.update({ where: { id: batchId }, data: { processedFiles: processed } });
      await onProgress?.(processed, total);
    } catch (error) {
      // Progress is for display; the import goes on without it.
      console.error('import: recording progress failed', error);
    }
  };
}

/**
 * Analysis is CPU work in this process and writing is mostly the database's, so the next chunk
 * is analysed while the previous one is being written; at most two chunks' pages are held at once.
 */
async function importInChunks(db: Db, batchId: string, units: ImportUnit[], files: ImportFileResult[], pending: PendingLink[], options: ImportOptions, done: ReadonlySet<number>) {
  const size = options.chunkSize ?? CHUNK_SIZE;
  const analyseOptions = { normalizePunctuation: options.normalizePunctuation ?? true };
  const markDuplicate = createDuplicateMarker();
  const sql = await connectForChunks(options.databaseUrl ?? process.env.DATABASE_URL);
  try {
    let writing: Promise<void> = Promise.resolve();
    let chunksWritten = 0;
    for (let start = 0; start < units.length; start += size) {
      // Files an earlier run of this batch imported are analysed (for duplicates), not written again.
      const chunk = (await analyseInTurn(units, start, start + size, markDuplicate, analyseOptions)).filter((u) => !done.has(u.position));
      if (chunk.length === 0) continue;
      const pages = chunk.flatMap((u) =>
        u.state === 'ready' && u.candidate.kind === 'page' ? [preparePage(u.position, u.name, u.candidate, isForced(options.force, u.position))] : [],
      );
      await writing;
      writing = importChunk(db, sql, batchId, chunk, pages, files, pending, options).then(async () => {
        chunksWritten += 1;
        // Statistics after the 1st, 4th, 16th … chunk: an import can grow the tables from nothing
        // to hundreds of thousands of rows in seconds, long before autovacuum looks, and with stale
        // statistics the planner scans whole tables for each chunk's lookups.
        if (sql && isPowerOfFour(chunksWritten)) await refreshStatistics(sql, LOOKUP_TABLES);
        await options.onProgress?.(files.length, units.length);
      });
    }
    await writing;
    // The tables have just grown by thousands of rows; fresh statistics keep the planner on the
    // indexes for the next import and the article list.
    if (sql) await refreshStatistics(sql, [...LOOKUP_TABLES, 'Revision', 'ArticleRegion']);
  } finally {
    await sql?.end().catch(() => {});
  }
}

/**
 * Analyses units[start, end) in batch order. Analysis is synchronous CPU work, so it yields after
 * each file: the database's replies to the previous chunk's statements are handled at once (the
 * database never waits for us), and in the web server other requests get through.
 */
async function analyseInTurn(units: ImportUnit[], start: number, end: number, markDuplicate: (unit: AnalysedUnit) => AnalysedUnit, options: AnalyseOptions): Promise<AnalysedUnit[]> {
  const analysed: AnalysedUnit[] = [];
  for (let position = start; position < Math.min(end, units.length); position += 1) {
    analysed.push(markDuplicate(analyseUnit(units[position], position, options)));
    await setImmediate();
  }
  return analysed;
}

// The tables each chunk looks things up in (slugs and titles).
const LOOKUP_TABLES = ['Article', 'RecommendationItem'];

function isPowerOfFour(n: number): boolean {
  while (n > 1 && n % 4 === 0) n /= 4;
  return n === 1;
}

async function refreshStatistics(sql: pg.Client, tables: string[]): Promise<void> {
  await sql.query(`ANALYZE ${tables.map((t) => `"${t}"`).join(', ')}`).catch((error) => console.error('import: ANALYZE failed', error));
}

/** Without its own connection the chunked path still works, file by file. */
async function connectForChunks(url: string | undefined): Promise<pg.Client | null> {
  if (!url) return null;
  const client = new pg.Client(pgConfigFromUrl(url));
  try {
    await client.connect();
    // Revisions and bodies are TOASTed; lz4 compresses them several times faster than the
    // default pglz. Servers built without lz4 (the embedded PGlite) keep pglz.
    await client.query(`SET default_toast_compression = 'lz4'`).catch(() => {});
    return client;
  } catch (error) {
    console.error('import: no connection for chunked writes; writing file by file', error);
    return null;
  }
}

async function importChunk(db: Db, sql: pg.Client | null, batchId: string, chunk: AnalysedUnit[], pages: BulkPage[], files: ImportFileResult[], pending: PendingLink[], options: ImportOptions): Promise<void> {
  const force = (position: number) => isForced(options.force, position);
  // Export records restore far more than a page writes; they keep their per-file path.
  const hasRecords = chunk.some((u) => u.state === 'ready' && u.candidate.kind === 'record');
  if (sql && !hasRecords) {
    let results: ImportFileResult[] = [];
    try {
      await writePageChunk(sql, {
        batchId,
        actorId: options.actorId,
        pages,
        itemsFor: (outcomes) => {
          results = chunkResults(chunk, outcomes, files);
          return results.map((result, i) => importItemRow(result, contentHashOf(chunk[i])));
        },
      });
      files.push(...results);
      return;
    } catch (error) {
      console.error(`import: writing files ${chunk[0].name} … ${chunk[chunk.length - 1].name} together failed; retrying them one by one`, error);
    }
  }
  for (const unit of chunk) {
    const { result, links } = await importUnit(db, batchId, unit, files, options.actorId, force(unit.position));
    files.push(result);
    pending.push(...links);
  }
}

/** The chunk's results in batch order, worded exactly as the per-file path words them. */
function chunkResults(chunk: AnalysedUnit[], outcomes: BulkPageOutcome[], earlier: ImportFileResult[]): ImportFileResult[] {
  const byPosition = new Map(outcomes.map((o) => [o.position, o]));
  const results: ImportFileResult[] = [];
  for (const unit of chunk) {
    if (unit.state === 'failed') results.push(failed(unit, unit.failure));
    else if (unit.state === 'duplicate') results.push(duplicateResult(unit, unit.duplicateOf.position >= chunk[0].position ? results : earlier));
    else {
      const outcome = byPosition.get(unit.position)!;
      results.push(decidedResult(unit, outcome.decision, 'articleId' in outcome ? outcome.articleId : undefined));
    }
  }
  return results;
}

function contentHashOf(unit: AnalysedUnit): string | null {
  return unit.state === 'failed' ? null : unit.candidate.hash;
}

// A confirmation may force thousands of conflicts: each list becomes a Set once.
const forcedSets = new WeakMap<readonly number[], Set<number>>();

function isForced(force: ImportOptions['force'], position: number): boolean {
  if (force === true) return true;
  if (!Array.isArray(force)) return false;
  let positions = forcedSets.get(force);
  if (!positions) {
    positions = new Set(force);
    forcedSets.set(force, positions);
  }
  return positions.has(position);
}

function findExisting(tx: Tx, candidate: Candidate): Promise<ExistingArticle | null> {
  return candidate.kind === 'page' ? findArticleForPage(tx, candidate) : findArticleForRecord(tx, candidate);
}

function summaryFields(unit: AnalysedUnit): Partial<ImportFileResult> {
  const { title, itemCount, regionCodes, warnings } = unit.summary;
  return {
    ...(title !== undefined ? { title } : {}),
    ...(itemCount !== undefined ? { itemCount } : {}),
    ...(title !== undefined ? { regions: regionCodes } : {}),
    ...(warnings.length ? { warnings } : {}),
  };
}

function failed(unit: AnalysedUnit, failure: ImportFailure, articleId?: string, canForce = false): ImportFileResult {
  return {
    position: unit.position,
    file: unit.name,
    outcome: 'failed',
    ...summaryFields(unit),
    ...(articleId ? { articleId } : {}),
    reason: failure.reason,
    error: failure.message,
    ...(canForce ? { canForce } : {}),
  };
}

function duplicateResult(unit: AnalysedUnit & { state: 'duplicate' }, earlier: ImportFileResult[]): ImportFileResult {
  const first = earlier.find((r) => r.position === unit.duplicateOf.position);
  const summary = summaryFields(unit);
  return {
    position: unit.position,
    file: unit.name,
    outcome: 'unchanged',
    ...summary,
    warnings: [`与本批次中的“${unit.duplicateOf.name}”内容相同，未重复导入。`, ...(summary.warnings ?? [])],
    ...(first?.articleId ? { articleId: first.articleId } : {}),
    duplicateOf: unit.duplicateOf.name,
  };
}

function decidedResult(unit: AnalysedUnit, decision: ImportDecision, articleId?: string): ImportFileResult {
  switch (decision.action) {
    case 'create':
      return { position: unit.position, file: unit.name, outcome: 'created', ...summaryFields(unit), ...(articleId ? { articleId } : {}) };
    case 'update':
      return { position: unit.position, file: unit.name, outcome: 'updated', ...summaryFields(unit), articleId: decision.existing.id, ...(decision.forced ? { forced: true } : {}) };
    case 'unchanged':
      return { position: unit.position, file: unit.name, outcome: 'unchanged', ...summaryFields(unit), articleId: decision.articleId };
    case 'fail':
      return failed(unit, decision.failure, decision.articleId, decision.canForce);
  }
}

async function previewUnit(db: Db, unit: AnalysedUnit, earlier: ImportFileResult[], force: boolean, existingPages: Map<string, ExistingArticle>): Promise<ImportFileResult> {
  if (unit.state === 'failed') return failed(unit, unit.failure);
  if (unit.state === 'duplicate') return duplicateResult(unit, earlier);
  const { candidate } = unit;
  const existing = candidate.kind === 'page' ? (existingPages.get(candidate.sourceKey) ?? null) : await findArticleForRecord(db, candidate);
  return decidedResult(unit, decideImport(candidate.hash, existing, { force }));
}

type UnitOutcome = { result: ImportFileResult; links: PendingLink[] };

async function importUnit(db: Db, batchId: string, unit: AnalysedUnit, earlier: ImportFileResult[], actorId: string | null, force: boolean): Promise<UnitOutcome> {
  if (unit.state === 'failed') return { result: await recordItemSafely(db, batchId, failed(unit, unit.failure), null), links: [] };
  if (unit.state === 'duplicate') return { result: await recordItemSafely(db, batchId, duplicateResult(unit, earlier), unit.candidate.hash), links: [] };
  const { candidate } = unit;
  try {
    return await db.$transaction(async (tx) => {
      const decision = decideImport(candidate.hash, await findExisting(tx, candidate), { force });
      const outcome = await applyDecision(tx, unit, candidate, decision, actorId);
      await recordItem(tx, batchId, outcome.result, candidate.hash);
      await persistPendingLinks(tx, outcome.links);
      return outcome;
    });
  } catch (error) {
    console.error(`import: ${unit.name} failed at the database`, error);
    const failure: ImportFailure = { reason: 'DATABASE', message: '写入数据库失败，本文件未导入，请稍后重试。' };
    return { result: await recordItemSafely(db, batchId, failed(unit, failure), candidate.hash), links: [] };
  }
}

/** The write step: carries out a decision inside the file's transaction. */
async function applyDecision(tx: Tx, unit: AnalysedUnit, candidate: Candidate, decision: ImportDecision, actorId: string | null): Promise<UnitOutcome> {
  if (decision.action === 'unchanged' || decision.action === 'fail') return { result: decidedResult(unit, decision), links: [] };
  if (candidate.kind === 'page') {
    const written =
      decision.action === 'create'
        ? await createFromPage(tx, candidate, unit.name, actorId)
        : await updateFromPage(tx, candidate, decision.existing, decision.forced, unit.name, actorId);
    if (!written.ok) return { result: failed(unit, { reason: written.reason, message: written.message }, written.articleId), links: [] };
    return { result: decidedResult(unit, decision, written.articleId), links: [] };
  }
  const written =
    decision.action === 'create'
      ? await createFromRecord(tx, candidate, unit.name, actorId)
      : await updateFromRecord(tx, candidate, decision.existing, decision.forced, unit.name, actorId);
  if (!written.ok) return { result: failed(unit, { reason: written.reason, message: written.message }, written.articleId), links: [] };
  const result = decidedResult(unit, decision, written.articleId);
  const warnings = [...(result.warnings ?? []), ...written.warnings];
  return { result: warnings.length ? { ...result, warnings } : result, links: written.pending };
}

// Outside a file's transaction a failure to record must not stop the rest of the batch.
async function recordItemSafely(db: Db, batchId: string, result: ImportFileResult, contentHash: string | null): Promise<ImportFileResult> {
  try {
    return await recordItem(db, batchId, result, contentHash);
  } catch (error) {
    console.error(`import: recording the outcome of ${result.file} failed`, error);
    return result;
  }
}

async function recordItem(tx: Tx, batchId: string, result: ImportFileResult, contentHash: string | null): Promise<ImportFileResult> {
  await tx.importItem.create({ data: { batchId, ...importItemRow(result, contentHash) } });
  return result;
}

function importItemRow(result: ImportFileResult, contentHash: string | null): BulkImportItem {
  return {
    position: result.position,
    fileName: result.file,
    contentHash,
    outcome: itemOutcomeOf[result.outcome],
    articleId: result.articleId ?? null,
    reason: result.reason ?? null,
    error: result.error ?? null,
    title: result.title ?? null,
    itemCount: result.itemCount ?? null,
    regionCodes: result.regions ?? [],
    warnings: result.warnings ?? [],
    forced: result.forced ?? false,
  };
}

function totalsOf(files: ImportFileResult[]): ImportTotals {
  const totals: ImportTotals = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  for (const file of files) totals[file.outcome] += 1;
  return totals;
}
