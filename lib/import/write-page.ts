import { recordAudit } from '@/lib/audit/record-audit';
import { slugFromTitle, uniqueSlug } from '@/lib/articles/slug';
import { slugInUse } from '@/lib/articles/slug-in-use';
import { writeRevision } from '@/lib/articles/write-revision';
import { bodyPlainText } from '@/lib/content/plain-text';
import type { Tx } from '@/lib/db/client';
import { fromIsoDate } from '@/lib/dates';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { DetectedRegion } from '@/lib/regions/detect-regions';
import { regionAncestorCodes } from '@/lib/regions/region-path';
import { writeWorkingCopySearch } from '@/lib/search/write-vectors';
import { statusAfterEdit } from '@/lib/workflow/transitions';
import type { PageCandidate } from './analyse-units';
import type { ExistingArticle } from './decide-import';

export type WriteResult = { ok: true; articleId: string } | { ok: false; articleId: string; reason: 'BUSY'; message: string };

/** The state of the article a page maps to (by the identity of its title). */
export async function findArticleForPage(tx: Tx, candidate: PageCandidate): Promise<ExistingArticle | null> {
  const row = await tx.article.findUnique({
    where: { sourceKey: candidate.sourceKey },
    select: { id: true, status: true, version: true, importedVersion: true, sourceHash: true, deletedAt: true },
  });
  return row && { ...row, matchHash: row.sourceHash };
}

/** findArticleForPage for many pages at once (the preview), keyed by sourceKey. */
export async function findArticlesForPages(db: Tx, sourceKeys: string[]): Promise<Map<string, ExistingArticle>> {
  if (sourceKeys.length === 0) return new Map();
  const rows = await db.article.findMany({
    where: { sourceKey: { in: sourceKeys } },
    select: { id: true, sourceKey: true, status: true, version: true, importedVersion: true, sourceHash: true, deletedAt: true },
  });
  return new Map(rows.map(({ sourceKey, ...row }) => [sourceKey!, { ...row, matchHash: row.sourceHash }]));
}

function pageFields(candidate: PageCandidate, fileName: string) {
  const { page } = candidate;
  return {
    title: page.title,
    summary: page.summary,
    body: page.body as Prisma.InputJsonValue,
    plainText: bodyPlainText(page.body),
    disclaimer: page.disclaimer,
    contentDate: page.contentDate ? fromIsoDate(page.contentDate) : null,
    sourceFile: fileName,
    sourceHash: candidate.hash,
  };
}

export async function createFromPage(tx: Tx, candidate: PageCandidate, fileName: string, actorId: string | null): Promise<WriteResult> {
  const { page } = candidate;
  const slug = await uniqueSlug(slugFromTitle(page.title), (s) => slugInUse(tx, s));
  const article = await tx.article.create({
    data: { ...pageFields(candidate, fileName), slug, sourceKey: candidate.sourceKey, importedVersion: 1, createdById: actorId, updatedById: actorId },
    select: { id: true },
  });
  await writePageSearch(tx, article.id, candidate);
  await replaceAutoRegions(tx, article.id, candidate.regions);
  await writeRecommendations(tx, article.id, candidate);
  // Items elsewhere that name this page by title now point at it.
  await tx.recommendationItem.updateMany({ where: { title: page.title, targetArticleId: null, articleId: { not: article.id } }, data: { targetArticleId: article.id } });
  await writeRevision(tx, article.id, actorId, `导入 ${fileName}`);
  await recordAudit(tx, { actorId, action: 'article.import', entityType: 'Article', entityId: article.id, summary: { outcome: 'created', file: fileName } });
  return { ok: true, articleId: article.id };
}

/**
 * Writes the page over the working copy as a new version (and revision). The write is
 * conditional on the version the decision was made on; the published revision is not touched.
 */
export async function updateFromPage(
  tx: Tx,
  candidate: PageCandidate,
  existing: ExistingArticle,
  forced: boolean,
  fileName: string,
  actorId: string | null,
): Promise<WriteResult> {
  const { count } = await tx.article.updateMany({
    where: { id: existing.id, version: existing.version, deletedAt: null },
    data: {
      ...pageFields(candidate, fileName),
      status: statusAfterEdit(existing.status),
      version: { increment: 1 },
      importedVersion: existing.version + 1,
      updatedById: actorId,
    },
  });
  if (count !== 1) return { ok: false, articleId: existing.id, reason: 'BUSY', message: '文章正在被修改，本文件未导入，请稍后重试。' };
  await writePageSearch(tx, existing.id, candidate);
  await replaceAutoRegions(tx, existing.id, candidate.regions);
  await writeRecommendations(tx, existing.id, candidate);
  const note = forced ? `重新导入 ${fileName}（覆盖编辑的修改，按要求导入为新版本）` : `重新导入 ${fileName}`;
  await writeRevision(tx, existing.id, actorId, note);
  await recordAudit(tx, {
    actorId,
    action: 'article.import',
    entityType: 'Article',
    entityId: existing.id,
    summary: { outcome: 'updated', file: fileName, ...(forced ? { forced: true, overwrittenVersion: existing.version } : {}) },
  });
  return { ok: true, articleId: existing.id };
}

async function writePageSearch(tx: Tx, articleId: string, { page }: PageCandidate) {
  await writeWorkingCopySearch(tx, articleId, { title: page.title, summary: page.summary, body: bodyPlainText(page.body) });
}

/**
 * Detected regions replace earlier automatic suggestions; manual tags are never touched and
 * suggestions an editor rejected are not made again.
 */
async function replaceAutoRegions(tx: Tx, articleId: string, detected: DetectedRegion[]) {
  await tx.articleRegion.deleteMany({ where: { articleId, origin: 'AUTO' } });
  const [manual, article] = await Promise.all([
    tx.articleRegion.findMany({ where: { articleId }, select: { regionCode: true } }),
    tx.article.findUniqueOrThrow({ where: { id: articleId }, select: { rejectedRegionCodes: true } }),
  ]);
  const skip = new Set([...manual.map((r) => r.regionCode), ...article.rejectedRegionCodes]);
  const rows = detected
    .filter((r) => !skip.has(r.code))
    .flatMap((r) => {
      const ancestors = regionAncestorCodes(r.code);
      return ancestors ? [{ articleId, regionCode: r.code, ...ancestors, origin: 'AUTO' as const, confidence: r.confidence }] : [];
    });
  if (rows.length) await tx.articleRegion.createMany({ data: rows });
}

async function writeRecommendations(tx: Tx, articleId: string, { page }: PageCandidate) {
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
