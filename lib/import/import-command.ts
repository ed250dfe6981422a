import type { Db } from '@/lib/db/client';
import { startBatchLease } from './batch-lease';
import { collectInputs } from './collect-paths';
import { importPages, type ImportOptions } from './import-pages';
import { previewImport } from './preview-import';
import type { ImportFileResult, ImportTotals } from './results';
import { outcomeLabels, previewOutcomeLabels } from './outcome-labels';
import { reasonLabel } from './reasons';

// `npm run import` as a function: scripts/import.ts is its shell, and the integration tests run
// their corpus through this very entry point.

export const importUsage = 'Usage: npm run import -- [--dry-run] [--json] [--force] [--no-normalize] <files|folders|.zip|.ndjson…>';

export type ImportCommand = {
  paths: string[];
  /** Decide and report every file, write nothing (not even an ImportBatch). */
  dryRun: boolean;
  json: boolean;
  /** Import conflicts (articles an editor changed since their last import) as new revisions. */
  force: boolean;
  normalizePunctuation: boolean;
};

const flags = new Set(['--dry-run', '--json', '--force', '--no-normalize']);

export function parseImportArgs(args: string[]): { ok: true; command: ImportCommand } | { ok: false; message: string } {
  const unknown = args.filter((a) => a.startsWith('-') && !flags.has(a));
  if (unknown.length) return { ok: false, message: `Unknown option ${unknown.join(', ')}\n${importUsage}` };
  const paths = args.filter((a) => !a.startsWith('-'));
  if (paths.length === 0) return { ok: false, message: importUsage };
  return {
    ok: true,
    command: {
      paths,
      dryRun: args.includes('--dry-run'),
      json: args.includes('--json'),
      force: args.includes('--force'),
      normalizePunctuation: !args.includes('--no-normalize'),
    },
  };
}

export type CliFileReport = Omit<ImportFileResult, 'position' | 'canForce'>;
export type CliReport = { dryRun: boolean; batchId?: string; normalizePunctuation: boolean; files: CliFileReport[]; totals: ImportTotals };

/**
 * Runs the command; throws MissingPathError for a path that does not exist (a usage error).
 * `onProgress` follows an import (not a dry run) as files complete, for the progress bar.
 */
export async function runImportCommand(
  db: Db,
  command: ImportCommand,
  onProgress?: ImportOptions['onProgress'],
): Promise<{ report: CliReport; exitCode: 0 | 2 }> {
  const files = collectInputs(command.paths);
  const options = { files, normalizePunctuation: command.normalizePunctuation, force: command.force, records: true };
  // Fails the batches of CLI imports that died, and keeps this one from looking dead (batch-lease.ts).
  const lease = command.dryRun ? null : await startBatchLease();
  const result = command.dryRun
    ? await previewImport(db, options)
    : await importPages(db, { ...options, actorId: null, source: 'cli', onProgress, onBatchOpened: lease!.hold }).finally(() => lease!.end());
  const report: CliReport = {
    dryRun: command.dryRun,
    ...('batchId' in result && typeof result.batchId === 'string' ? { batchId: result.batchId } : {}),
    normalizePunctuation: result.normalizePunctuation,
    files: result.files.map(({ position: _position, canForce: _canForce, ...file }) => file),
    totals: result.totals,
  };
  return { report, exitCode: result.totals.failed > 0 ? 2 : 0 };
}

export function formatTextReport(report: CliReport): string {
  const labels = report.dryRun ? previewOutcomeLabels : outcomeLabels;
  const lines = report.files.map((f) => {
    const reason = f.reason ? `\t[${reasonLabel(f.reason)}] ${f.error ?? ''}` : '';
    const extra = [
      f.forced ? '（按 --force 覆盖编辑的修改）' : '',
      f.duplicateOf ? `（与本批次 ${f.duplicateOf} 相同）` : '',
      f.warnings?.length && !f.duplicateOf ? `（提醒：${f.warnings.join('；')}）` : '',
    ].join('');
    return `${labels[f.outcome]}\t${f.file}${f.title ? `\t${f.title}` : ''}${extra}${reason}`;
  });
  const t = report.totals;
  const conflicts = report.files.filter((f) => f.reason === 'CONFLICT').length;
  lines.push('');
  lines.push(
    `${report.dryRun ? '预览（未写入任何数据）：' : ''}新建 ${t.created}，更新 ${t.updated}，未变 ${t.unchanged}，失败 ${t.failed}${conflicts ? `（其中冲突 ${conflicts}，可用 --force 导入为新版本）` : ''}`,
  );
  return lines.join('\n');
}
