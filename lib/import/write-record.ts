import { claimSlug, loadTakenSlugs } from '@/lib/articles/free-slugs';
import { slugInUse } from '@/lib/articles/slug-in-use';
import type { RevisionRecommendation, RevisionRegion } from '@/lib/articles/write-revision';
import { StaleVersionError, writeVersions, type ItemRow, type NewVersion, type RegionRow } from '@/lib/articles/write-versions';
import { bodyPlainText } from '@/lib/content/plain-text';
import type { Db, Tx } from '@/lib/db/client';
import { newId, txSql } from '@/lib/db/sql';
import { fromIsoDate } from '@/lib/dates';
import { writeLiveSearch } from '@/lib/search/write-vectors';
import { readLiveState, recordPublicChange } from '@/lib/public-cache/change-feed';
import { reviveSlugs } from '@/lib/public-cache/gone-slugs';
import type { Prisma } from '@/lib/generated/prisma/client';
import { recordContentHash, type ArticleRecord, type RecordRecommendation, type RecordRegion } from '@/lib/export/article-record';
import { loadArticleRecord } from '@/lib/export/export-articles';
import { regionAncestorCodes } from '@/lib/regions/region-path';
import { recordItems } from './batch';
import { persistPendingLinks, type PendingLink } from './pending-links';
import { resolveRef } from './record-refs';
import { restoreReviews } from './restore-reviews';
import type { AnalysedUnit, RecordCandidate } from './analyse-units';
import { decideImport, type ExistingArticle, type ImportDecision } from './decide-import';
import { busyFailure, databaseFailure, decidedResult, failedResult, importItemRow, type ImportFileResult } from './results';

// Re-importing an NDJSON export (see README "Export and re-import"). A record that is new here
// is restored as it was: status, versions, dates, regions, recommendation list and, for a live
// article, its published version. A record that matches an existing article is an ordinary
// import update: the working copy becomes a new version, the published version is left alone.

export type RecordWriteResult =
  | { ok: true; articleId: string; warnings: string[]; pending: PendingLink[] }
  | { ok: false; articleId?: string; reason: 'BUSY' | 'SLUG_TAKEN'; message: string };

export async function findArticleForRecord(tx: Tx, candidate: RecordCandidate): Promise<ExistingArticle | null> {
  const { record } = candidate;
  const row = await tx.article.findFirst({
    where: record.sourceKey ? { sourceKey: record.sourceKey } : { slug: record.slug, sourceKey: null },
    select: { id: true, status: true, version: true, importedVersion: true, deletedAt: true },
  });
  if (!row) return null;
  const current = await loadArticleRecord(tx, row.id);
  return { ...row, matchHash: current ? recordContentHash(current) : null };
}

async function resolveAll(tx: Tx, items: RecordRecommendation[], selfId: string) {
  return Promise.all(items.map(async (item) => ({ item, targetId: await resolveRef(tx, item.target, selfId) })));
}

async function usersByEmail(tx: Tx, emails: (string | null)[]): Promise<Map<string, string>> {
  const wanted = emails.filter((e): e is string => !!e);
  if (wanted.length === 0) return new Map();
  const users = await tx.user.findMany({ where: { email: { in: wanted } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.email, u.id]));
}

/** The record's regions (codes this database knows), as the writer takes them. */
function regionRows(regions: RecordRegion[]): RegionRow[] {
  return regions.filter((r) => regionAncestorCodes(r.code)).map((r) => ({ regionCode: r.code, origin: r.origin, confidence: r.confidence }));
}

function itemRows(resolved: { item: RecordRecommendation; targetId: string | null }[]): ItemRow[] {
  return resolved.map(({ item, targetId }) => revisionItem(item, targetId));
}

function pendingFor(
  articleId: string,
  resolved: { item: RecordRecommendation; targetId: string | null }[],
  options: { working: boolean; revisionId: string | null },
): PendingLink[] {
  return resolved.flatMap(({ item, targetId }, index) =>
    item.target && !targetId
      ? [
          {
            articleId,
            ref: item.target,
            itemPosition: options.working ? index : null,
            revisions: options.revisionId ? [{ revisionId: options.revisionId, index }] : [],
          },
        ]
      : [],
  );
}

/**
 * One record of an NDJSON file, in its own transaction: decided against the article it maps to,
 * restored or written as a new version, and its result recorded on the batch.
 */
export async function importRecord(
  db: Db,
  input: { batchId: string; unit: AnalysedUnit; candidate: RecordCandidate; force: boolean; actorId: string | null },
): Promise<ImportFileResult> {
  const { batchId, unit, candidate, force, actorId } = input;
  try {
    return await db.$transaction(async (tx) => {
      const decision = decideImport(candidate.hash, await findArticleForRecord(tx, candidate), { force });
      const outcome = await applyDecision(tx, unit, candidate, decision, actorId);
      await recordItems(txSql(tx), batchId, [importItemRow(outcome.result, candidate.hash)]);
      // Links to records later in the file wait in the database: a restore killed before its end loses none.
      await persistPendingLinks(tx, outcome.pending);
      return outcome.result;
    });
  } catch (error) {
    console.error(`import: ${unit.name} failed at the database`, error);
    const result = failedResult(unit, error instanceof StaleVersionError ? busyFailure : databaseFailure);
    await recordItems(txSql(db), batchId, [importItemRow(result, candidate.hash)]).catch((e) =>
      console.error(`import: recording the outcome of ${unit.name} failed`, e),
    );
    return result;
  }
}

async function applyDecision(
  tx: Tx,
  unit: AnalysedUnit,
  candidate: RecordCandidate,
  decision: ImportDecision,
  actorId: string | null,
): Promise<{ result: ImportFileResult; pending: PendingLink[] }> {
  if (decision.action === 'unchanged' || decision.action === 'fail') return { result: decidedResult(unit, decision), pending: [] };
  const written =
    decision.action === 'create'
      ? await createFromRecord(tx, candidate, unit.name, actorId)
      : await updateFromRecord(tx, candidate, decision.existing, decision.forced, unit.name, actorId);
  if (!written.ok) return { result: failedResult(unit, { reason: written.reason, message: written.message }, written.articleId), pending: [] };
  return { result: decidedResult(unit, decision, written.articleId, written.warnings), pending: written.pending };
}

/** A record that is new here, restored as it was; a published version goes live again. */
export async function createFromRecord(tx: Tx, candidate: RecordCandidate, fileName: string, actorId: string | null): Promise<RecordWriteResult> {
  const { record } = candidate;
  const sql = txSql(tx);
  const warnings: string[] = [];
  const published = record.published;
  if (published && (await slugInUse(tx, published.slug))) {
    return { ok: false, reason: 'SLUG_TAKEN', message: `发布版本的链接名 ${published.slug} 已被另一篇文章使用，无法恢复其线上页面，本记录未导入。` };
  }
  let slug = record.slug;
  if (slug !== published?.slug && (await slugInUse(tx, slug))) {
    slug = claimSlug(record.slug, await loadTakenSlugs(sql, [record.slug]));
    warnings.push(`链接名 ${record.slug} 已被占用，改为 ${slug}。`);
  }
  const users = await usersByEmail(tx, [record.createdBy, record.updatedBy]);
  const articleId = newId();
  const resolved = await resolveAll(tx, record.recommendations, articleId);
  // One revision is both the working and the live version when they are the same version; it
  // holds the published list.
  const ownWorkingRevision = !published || published.articleVersion !== record.version;
  const [written] = await writeVersions(
    sql,
    [
      {
        articleId,
        create: {
          slug,
          sourceKey: record.sourceKey,
          status: record.status,
          version: record.version,
          importedVersion: record.importedVersion,
          publishedAt: record.publishedAt,
          // A pending schedule is not restored: it belongs to a person of the exporting database and
          // its job queue (lib/schedule); the export still says when it was due.
          createdById: record.createdBy ? (users.get(record.createdBy) ?? null) : null,
          updatedById: record.updatedBy ? (users.get(record.updatedBy) ?? null) : null,
          createdAt: record.createdAt,
          updatedAt: record.updatedAt,
        },
        set: recordColumns(record),
        regions: { replace: 'all', rows: regionRows(record.regions) },
        items: itemRows(resolved),
        revision: ownWorkingRevision ? { note: `从导出文件导入 ${fileName}` } : null,
        audit: { action: 'article.import', summary: { outcome: 'created', file: fileName, format: 'ndjson' } },
      },
    ],
    { actorId },
  );

  // Reviews are restored with a new article only (an update never writes them).
  warnings.push(...(await restoreReviews(tx, articleId, record.reviews)));
  const pending: PendingLink[] = [];
  if (published) {
    const liveResolved = await resolveAll(tx, published.recommendations, articleId);
    const live = await tx.revision.create({
      data: {
        articleId,
        articleVersion: published.articleVersion,
        title: published.title,
        slug: published.slug,
        summary: published.summary,
        body: published.body as Prisma.InputJsonValue,
        plainText: bodyPlainText(published.body),
        disclaimer: published.disclaimer,
        category: published.category,
        contentDate: published.contentDate ? fromIsoDate(published.contentDate) : null,
        regions: published.regions satisfies RevisionRegion[],
        recommendations: liveResolved.map(({ item, targetId }) => revisionItem(item, targetId)),
        authorId: actorId,
        note: `从导出文件恢复（发布版本）${fileName}`,
        createdAt: new Date(published.createdAt),
      },
      select: { id: true },
    });
    await tx.article.update({
      where: { id: articleId },
      data: { publishedRevisionId: live.id, liveSlug: published.slug, updatedAt: new Date(record.updatedAt) },
    });
    const liveRegions = regionRows(published.regions).map((r) => ({ articleId, regionCode: r.regionCode, ...regionAncestorCodes(r.regionCode)! }));
    if (liveRegions.length) await tx.publishedArticleRegion.createMany({ data: liveRegions });
    await writeLiveSearch(tx, articleId);
    pending.push(...pendingFor(articleId, liveResolved, { working: false, revisionId: live.id }));
    // A live slug is never gone (lib/public-cache/gone-slugs.ts).
    const revived = await reviveSlugs(tx, articleId, published.slug);
    await recordPublicChange(tx, null, await readLiveState(tx, articleId), revived);
  }
  pending.push(...pendingFor(articleId, resolved, { working: true, revisionId: written.revisionId }));
  return { ok: true, articleId, warnings, pending };
}

/** A record that matches an article here: an ordinary new version of its working copy. */
export async function updateFromRecord(
  tx: Tx,
  candidate: RecordCandidate,
  existing: ExistingArticle,
  forced: boolean,
  fileName: string,
  actorId: string | null,
): Promise<RecordWriteResult> {
  const { record } = candidate;
  if (await slugInUse(tx, record.slug, existing.id)) {
    return { ok: false, articleId: existing.id, reason: 'SLUG_TAKEN', message: `链接名 ${record.slug} 已被另一篇文章使用，本记录未导入。` };
  }
  const resolved = await resolveAll(tx, record.recommendations, existing.id);
  const version: NewVersion = {
    articleId: existing.id,
    from: { version: existing.version, status: existing.status },
    set: { ...recordColumns(record), slug: record.slug },
    imported: true,
    regions: { replace: 'all', rows: regionRows(record.regions) },
    items: itemRows(resolved),
    revision: { note: forced ? `从导出文件重新导入 ${fileName}（覆盖编辑的修改，按要求导入为新版本）` : `从导出文件重新导入 ${fileName}` },
    audit: {
      action: 'article.import',
      summary: { outcome: 'updated', file: fileName, format: 'ndjson', ...(forced ? { forced: true, overwrittenVersion: existing.version } : {}) },
    },
  };
  let written;
  try {
    [written] = await writeVersions(txSql(tx), [version], { actorId });
  } catch (error) {
    if (error instanceof StaleVersionError) return { ok: false, articleId: existing.id, reason: 'BUSY', message: '文章正在被修改，本记录未导入，请稍后重试。' };
    throw error;
  }
  return { ok: true, articleId: existing.id, warnings: [], pending: pendingFor(existing.id, resolved, { working: true, revisionId: written.revisionId }) };
}

/** The working copy's columns a record sets. */
function recordColumns(record: ArticleRecord) {
  return {
    title: record.title,
    summary: record.summary,
    body: record.body as object,
    disclaimer: record.disclaimer,
    category: record.category,
    contentDate: record.contentDate,
    rejectedRegionCodes: record.rejectedRegionCodes,
    sourceFile: record.sourceFile,
    sourceHash: record.sourceHash,
  };
}

function revisionItem(item: RecordRecommendation, targetId: string | null): RevisionRecommendation {
  return { title: item.title, summary: item.summary, category: item.category, itemDate: item.itemDate, targetArticleId: targetId };
}
