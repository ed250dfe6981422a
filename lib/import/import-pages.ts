import { recordAudit } from '@/lib/audit/record-audit';
import { slugFromTitle, uniqueSlug } from '@/lib/articles/slug';
import { slugInUse } from '@/lib/articles/slug-in-use';
import { writeRevision } from '@/lib/articles/write-revision';
import { bodyPlainText } from '@/lib/content/plain-text';
import type { Db, Tx } from '@/lib/db/client';
import { fromIsoDate } from '@/lib/dates';
import type { Prisma } from '@/lib/generated/prisma/client';
import { detectRegions } from '@/lib/regions/detect-regions';
import { regionAncestorCodes } from '@/lib/regions/region-path';
import { statusAfterEdit } from '@/lib/workflow/transitions';
import { decodePageBytes } from './decode-page';
import { isImportParseError } from './errors';
import { contentHash, sourceKeyForTitle } from './fingerprint';
import { parsePage, type ParsedPage } from './parse-page';

export type ImportFile = { name: string; bytes: Uint8Array };
export type ImportOutcomeName = 'created' | 'updated' | 'unchanged' | 'failed';
export type ImportFileResult = { file: string; outcome: ImportOutcomeName; articleId?: string; title?: string; error?: string };
export type ImportReport = { batchId: string; files: ImportFileResult[]; totals: Record<ImportOutcomeName, number> };

type ImportOptions = { actorId: string | null; source: 'upload' | 'cli' | 'seed'; files: ImportFile[]; normalizePunctuation?: boolean };

/**
 * Imports scraped pages as DRAFT articles. Each file is parsed and written in its own
 * transaction, so a broken file is reported by name and never half-written or stops the others.
 * Re-importing the same content changes nothing; a changed page updates its draft unless an
 * editor has changed the article since its last import.
 */
export async function importPages(db: Db, options: ImportOptions): Promise<ImportReport> {
  const batch = await db.importBatch.create({ data: { userId: options.actorId, source: options.source }, select: { id: true } });
  const results: ImportFileResult[] = [];
  for (const file of options.files) {
    const result = await importOneFile(db, batch.id, file, options);
    results.push(result);
  }
  const totals = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  for (const r of results) totals[r.outcome] += 1;
  await db.importBatch.update({ where: { id: batch.id }, data: totals });
  return { batchId: batch.id, files: results, totals };
}

async function importOneFile(db: Db, batchId: string, file: ImportFile, options: ImportOptions): Promise<ImportFileResult> {
  let parsed: ParsedPage;
  let hash: string;
  try {
    const decoded = decodePageBytes(file.bytes);
    hash = contentHash(decoded.text);
    parsed = parsePage(decoded.text, { normalizePunctuation: options.normalizePunctuation ?? true });
  } catch (error) {
    if (!isImportParseError(error)) throw error;
    return recordFailure(db, batchId, file.name, error.message);
  }
  try {
    return await db.$transaction(async (tx) => {
      const result = await writeParsedPage(tx, parsed, hash, file.name, options.actorId);
      await tx.importItem.create({
        data: {
          batchId,
          fileName: file.name,
          contentHash: hash,
          outcome: result.outcome === 'failed' ? 'FAILED' : result.outcome === 'created' ? 'CREATED' : result.outcome === 'updated' ? 'UPDATED' : 'UNCHANGED',
          articleId: result.articleId ?? null,
          error: result.error ?? null,
        },
      });
      return { file: file.name, title: parsed.title, ...result };
    });
  } catch (error) {
    console.error(`import: ${file.name} failed at the database`, error);
    return recordFailure(db, batchId, file.name, '写入数据库失败，本文件未导入，请稍后重试');
  }
}

async function recordFailure(db: Db, batchId: string, fileName: string, message: string): Promise<ImportFileResult> {
  await db.importItem.create({ data: { batchId, fileName, outcome: 'FAILED', error: message } });
  return { file: fileName, outcome: 'failed', error: message };
}

type WriteResult = { outcome: ImportOutcomeName; articleId?: string; error?: string };

async function writeParsedPage(tx: Tx, page: ParsedPage, hash: string, fileName: string, actorId: string | null): Promise<WriteResult> {
  const sourceKey = sourceKeyForTitle(page.title);
  const existing = await tx.article.findUnique({
    where: { sourceKey },
    select: { id: true, status: true, version: true, importedVersion: true, sourceHash: true, deletedAt: true },
  });
  const fields = {
    title: page.title,
    summary: page.summary,
    body: page.body as Prisma.InputJsonValue,
    plainText: bodyPlainText(page.body),
    disclaimer: page.disclaimer,
    contentDate: page.contentDate ? fromIsoDate(page.contentDate) : null,
    sourceFile: fileName,
    sourceHash: hash,
  };

  if (!existing) {
    const slug = await uniqueSlug(slugFromTitle(page.title), (s) => slugInUse(tx, s));
    const article = await tx.article.create({
      data: { ...fields, slug, sourceKey, importedVersion: 1, createdById: actorId, updatedById: actorId },
      select: { id: true },
    });
    await replaceAutoRegions(tx, article.id, page.title);
    await writeRecommendations(tx, article.id, page);
    // Items elsewhere that name this page by title now point at it.
    await tx.recommendationItem.updateMany({ where: { title: page.title, targetArticleId: null, articleId: { not: article.id } }, data: { targetArticleId: article.id } });
    await writeRevision(tx, article.id, actorId, `导入 ${fileName}`);
    await recordAudit(tx, { actorId, action: 'article.import', entityType: 'Article', entityId: article.id, summary: { outcome: 'created', file: fileName } });
    return { outcome: 'created', articleId: article.id };
  }

  if (existing.deletedAt) return { outcome: 'failed', articleId: existing.id, error: '对应的文章已被删除，请先恢复后再导入' };
  if (existing.sourceHash === hash) return { outcome: 'unchanged', articleId: existing.id };
  if (existing.importedVersion !== existing.version) {
    return { outcome: 'failed', articleId: existing.id, error: '冲突：文章在上次导入后已被编辑修改，为保护编辑的工作，本次未覆盖' };
  }
  const { count } = await tx.article.updateMany({
    where: { id: existing.id, version: existing.version },
    data: { ...fields, status: statusAfterEdit(existing.status), version: { increment: 1 }, importedVersion: existing.version + 1, updatedById: actorId },
  });
  if (count !== 1) return { outcome: 'failed', articleId: existing.id, error: '文章正在被修改，请稍后重试' };
  await replaceAutoRegions(tx, existing.id, page.title);
  await writeRecommendations(tx, existing.id, page);
  await writeRevision(tx, existing.id, actorId, `重新导入 ${fileName}`);
  await recordAudit(tx, { actorId, action: 'article.import', entityType: 'Article', entityId: existing.id, summary: { outcome: 'updated', file: fileName } });
  return { outcome: 'updated', articleId: existing.id };
}

/**
 * Detected regions replace earlier automatic suggestions; manual tags are never touched and
 * suggestions an editor rejected are not made again.
 */
async function replaceAutoRegions(tx: Tx, articleId: string, title: string) {
  await tx.articleRegion.deleteMany({ where: { articleId, origin: 'AUTO' } });
  const [manual, article] = await Promise.all([
    tx.articleRegion.findMany({ where: { articleId }, select: { regionCode: true } }),
    tx.article.findUniqueOrThrow({ where: { id: articleId }, select: { rejectedRegionCodes: true } }),
  ]);
  const skip = new Set([...manual.map((r) => r.regionCode), ...article.rejectedRegionCodes]);
  const rows = detectRegions(title)
    .filter((r) => !skip.has(r.code))
    .flatMap((r) => {
      const ancestors = regionAncestorCodes(r.code);
      return ancestors ? [{ articleId, regionCode: r.code, ...ancestors, origin: 'AUTO' as const, confidence: r.confidence }] : [];
    });
  if (rows.length) await tx.articleRegion.createMany({ data: rows });
}

async function writeRecommendations(tx: Tx, articleId: string, page: ParsedPage) {
  await tx.recommendationItem.deleteMany({ where: { articleId } });
  if (page.items.length === 0) return;
  const titles = [...new Set(page.items.map((i) => i.title))];
  const matches = await tx.article.findMany({ where: { title: { in: titles }, deletedAt: null, id: { not: articleId } }, select: { id: true, title: true } });
  const idByTitle = new Map(matches.map((m) => [m.title, m.id]));
  await tx.recommendationItem.createMany({
    data: page.items.map((item, position) => ({
      articleId,
      position,
      title: item.title,
      summary: item.summary,
      category: item.category,
      itemDate: item.date ? fromIsoDate(item.date) : null,
      targetArticleId: idByTitle.get(item.title) ?? null,
    })),
  });
}
