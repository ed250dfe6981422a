import type { Db } from '@/lib/db/client';
import { analyseInTurn, createDuplicateMarker } from './analyse-units';
import { decideImport, type ExistingArticle } from './decide-import';
import { expandInputs } from './expand-inputs';
import type { ImportOptions } from './import-pages';
import { decidedResult, duplicateResult, failedResult, totalsOf, type ImportFileResult, type ImportPreview } from './results';
import { findArticleForRecord } from './write-record';

const PREVIEW_CHUNK = 250;

/**
 * What importing these files would do, file by file, without writing anything (not even an
 * ImportBatch): the same analysis and the same decision function as the import, chunk by chunk
 * (one lookup per chunk for its pages, one chunk's pages in memory).
 */
export async function previewImport(db: Db, options: Pick<ImportOptions, 'files' | 'normalizePunctuation' | 'force' | 'records'>): Promise<ImportPreview> {
  const normalizePunctuation = options.normalizePunctuation ?? true;
  const units = expandInputs(options.files, { records: options.records ?? false });
  const markDuplicate = createDuplicateMarker();
  const forced = new Set(Array.isArray(options.force) ? options.force : []);
  const isForced = (position: number) => options.force === true || forced.has(position);
  const files: ImportFileResult[] = [];
  for (let start = 0; start < units.length; start += PREVIEW_CHUNK) {
    const chunk = await analyseInTurn(units.slice(start, start + PREVIEW_CHUNK), start, markDuplicate, normalizePunctuation);
    const existingPages = await findArticlesForPages(
      db,
      chunk.flatMap((u) => (u.state === 'ready' && u.candidate.kind === 'page' ? [u.candidate.sourceKey] : [])),
    );
    for (const unit of chunk) {
      if (unit.state === 'failed') files.push(failedResult(unit, unit.failure));
      else if (unit.state === 'duplicate')
        files.push(
          duplicateResult(
            unit,
            files.find((f) => f.position === unit.duplicateOf.position),
          ),
        );
      else {
        const { candidate } = unit;
        const existing = candidate.kind === 'page' ? (existingPages.get(candidate.sourceKey) ?? null) : await findArticleForRecord(db, candidate);
        files.push(decidedResult(unit, decideImport(candidate.hash, existing, { force: isForced(unit.position) })));
      }
    }
  }
  return { normalizePunctuation, files, totals: totalsOf(files) };
}

/** The articles the pages map to (by the identity of their titles), keyed by sourceKey. */
async function findArticlesForPages(db: Db, sourceKeys: string[]): Promise<Map<string, ExistingArticle>> {
  if (sourceKeys.length === 0) return new Map();
  const rows = await db.article.findMany({
    where: { sourceKey: { in: sourceKeys } },
    select: { id: true, sourceKey: true, status: true, version: true, importedVersion: true, sourceHash: true, deletedAt: true },
  });
  return new Map(rows.map(({ sourceKey, sourceHash, ...row }) => [sourceKey!, { ...row, matchHash: sourceHash }]));
}
