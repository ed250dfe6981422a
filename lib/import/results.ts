import type { ImportItem } from '@/lib/generated/prisma/client';
import type { ImportOutcome } from '@/lib/generated/prisma/enums';
import type { AnalysedUnit } from './analyse-units';
import type { ImportDecision } from './decide-import';
import type { ImportFailure, ImportReason } from './reasons';

// What an import says about each file: the report of a preview or an import, and the same result
// as its ImportItem row stores it (a resumed import reads earlier files back from those rows).

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

export const databaseFailure: ImportFailure = { reason: 'DATABASE', message: '写入数据库失败，本文件未导入，请稍后重试。' };
export const busyFailure: ImportFailure = { reason: 'BUSY', message: '文章正在被修改，本文件未导入，请稍后重试。' };

/**
 * A copy of a string that shares no memory with the string it was cut from. A page's title is a
 * slice of the page's whole text, and V8 keeps the whole text alive for as long as the slice
 * lives: a batch's results outlive its pages, and 10,000 titles kept ~200 MB of pages alive. A
 * warning or an error may quote the page too.
 */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

function summaryFields(unit: AnalysedUnit): Partial<ImportFileResult> {
  const { title, itemCount, regionCodes, warnings } = unit.summary;
  return {
    ...(title !== undefined ? { title: detached(title) } : {}),
    ...(itemCount !== undefined ? { itemCount } : {}),
    ...(title !== undefined ? { regions: regionCodes } : {}),
    ...(warnings.length ? { warnings: warnings.map(detached) } : {}),
  };
}

export function failedResult(unit: AnalysedUnit, failure: ImportFailure, articleId?: string, canForce = false): ImportFileResult {
  return {
    position: unit.position,
    file: unit.name,
    outcome: 'failed',
    ...summaryFields(unit),
    ...(articleId ? { articleId } : {}),
    reason: failure.reason,
    error: detached(failure.message),
    ...(canForce ? { canForce } : {}),
  };
}

/** A file holding the same page as an earlier one of the batch (`first`: that file's result). */
export function duplicateResult(unit: AnalysedUnit & { state: 'duplicate' }, first: ImportFileResult | undefined): ImportFileResult {
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

export function decidedResult(unit: AnalysedUnit, decision: ImportDecision, articleId?: string, warnings: string[] = []): ImportFileResult {
  const result = ((): ImportFileResult => {
    switch (decision.action) {
      case 'create':
        return { position: unit.position, file: unit.name, outcome: 'created', ...summaryFields(unit), ...(articleId ? { articleId } : {}) };
      case 'update':
        return {
          position: unit.position,
          file: unit.name,
          outcome: 'updated',
          ...summaryFields(unit),
          articleId: decision.existing.id,
          ...(decision.forced ? { forced: true } : {}),
        };
      case 'unchanged':
        return { position: unit.position, file: unit.name, outcome: 'unchanged', ...summaryFields(unit), articleId: decision.articleId };
      case 'fail':
        return failedResult(unit, decision.failure, decision.articleId, decision.canForce);
    }
  })();
  return warnings.length ? { ...result, warnings: [...(result.warnings ?? []), ...warnings] } : result;
}

export function totalsOf(files: ImportFileResult[]): ImportTotals {
  const totals: ImportTotals = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  for (const file of files) totals[file.outcome] += 1;
  return totals;
}

/** An ImportItem row, as the batch records a file's result (lib/import/batch.ts). */
export type ImportItemRow = {
  position: number;
  fileName: string;
  contentHash: string | null;
  outcome: ImportOutcome;
  articleId: string | null;
  reason: string | null;
  error: string | null;
  title: string | null;
  itemCount: number | null;
  regionCodes: string[];
  warnings: string[];
  forced: boolean;
};

// A file's outcome as the report names it and as ImportItem stores it.
const itemOutcomeOf = { created: 'CREATED', updated: 'UPDATED', unchanged: 'UNCHANGED', failed: 'FAILED' } as const satisfies Record<
  ImportOutcomeName,
  ImportOutcome
>;
const outcomeOfItem = { CREATED: 'created', UPDATED: 'updated', UNCHANGED: 'unchanged', FAILED: 'failed' } as const satisfies Record<
  ImportOutcome,
  ImportOutcomeName
>;

export function importItemRow(result: ImportFileResult, contentHash: string | null): ImportItemRow {
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

/** A file's result as its ImportItem recorded it (what a resumed import needs of earlier files). */
export function resultFromItem(item: ImportItem): ImportFileResult {
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
