import { recordAudit } from '@/lib/audit/record-audit';
import { uniqueSlug } from '@/lib/articles/slug';
import { slugInUse } from '@/lib/articles/slug-in-use';
import { writeRevision, type RevisionRecommendation, type RevisionRegion } from '@/lib/articles/write-revision';
import { bodyPlainText } from '@/lib/content/plain-text';
import type { Tx } from '@/lib/db/client';
import { fromIsoDate } from '@/lib/dates';
import { publicTags } from '@/lib/public-cache/cache-tags';
import { writeLiveSearch, writeWorkingCopySearch } from '@/lib/search/write-vectors';
import { readLiveState, recordPublicChange, recordTags } from '@/lib/public-cache/change-feed';
import { reviveSlugs } from '@/lib/public-cache/gone-slugs';
import type { Prisma } from '@/lib/generated/prisma/client';
import { recordContentHash, type ArticleRecord, type ArticleRef, type RecordRecommendation, type RecordRegion } from '@/lib/export/article-record';
import { loadArticleRecord } from '@/lib/export/export-articles';
import { regionAncestorCodes } from '@/lib/regions/region-path';
import { statusAfterEdit } from '@/lib/workflow/transitions';
import type { RecordCandidate } from './analyse-units';
import type { ExistingArticle } from './decide-import';
import { restoreReviews } from './restore-reviews';

// Re-importing an NDJSON export (see README "Export and re-import"). A record that is new here
// is restored as it was: status, versions, dates, regions, recommendation list and, for a live
// article, its published version. A record that matches an existing article is an ordinary
// import update: the working copy becomes a new version, the published version is left alone.

/**
 * A recommendation whose target was not (yet) in this database, to link once the batch is done:
 * the working list's item at `itemPosition` (null for an item of the published list only) and
 * the same item in the revisions this import wrote.
 */
export type PendingLink = { articleId: string; ref: ArticleRef; itemPosition: number | null; revisions: { revisionId: string; index: number }[] };

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

export async function resolveRef(tx: Tx, ref: ArticleRef | null, selfId: string | null): Promise<string | null> {
  if (!ref) return null;
  const target = ref.sourceKey
    ? await tx.article.findUnique({ where: { sourceKey: ref.sourceKey }, select: { id: true, deletedAt: true } })
    : await tx.article.findFirst({ where: { OR: [{ slug: ref.slug }, { publishedRevision: { slug: ref.slug } }] }, select: { id: true, deletedAt: true } });
  if (!target || target.deletedAt || target.id === selfId) return null;
  return target.id;
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

function regionRows(articleId: string, regions: RecordRegion[]) {
  return regions.flatMap((r) => {
    const ancestors = regionAncestorCodes(r.code);
    return ancestors ? [{ articleId, regionCode: r.code, ...ancestors, origin: r.origin, confidence: r.confidence }] : [];
  });
}

async function writeItems(tx: Tx, articleId: string, resolved: { item: RecordRecommendation; targetId: string | null }[]) {
  await tx.recommendationItem.deleteMany({ where: { articleId } });
  if (resolved.length === 0) return;
  await tx.recommendationItem.createMany({
    data: resolved.map(({ item, targetId }, position) => ({
      articleId,
      position,
      title: item.title,
      summary: item.summary,
      category: item.category,
      itemDate: item.itemDate ? fromIsoDate(item.itemDate) : null,
      targetArticleId: targetId,
    })),
  });
}

function pendingFor(
  articleId: string,
  resolved: { item: RecordRecommendation; targetId: string | null }[],
  options: { working: boolean; revisionId: string | null },
): PendingLink[] {
  return resolved.flatMap(({ item, targetId }, index) =>
    item.target && !targetId
      ? [{ articleId, ref: item.target, itemPosition: options.working ? index : null, revisions: options.revisionId ? [{ revisionId: options.revisionId, index }] : [] }]
      : [],
  );
}

export async function createFromRecord(tx: Tx, candidate: RecordCandidate, fileName: string, actorId: string | null): Promise<RecordWriteResult> {
  const { record } = candidate;
  const warnings: string[] = [];
  const published = record.published;
  if (published && (await slugInUse(tx, published.slug))) {
    return { ok: false, reason: 'SLUG_TAKEN', message: `发布版本的链接名 ${published.slug} 已被另一篇文章使用，无法恢复其线上页面，本记录未导入。` };
  }
  let slug = record.slug;
  if (slug !== published?.slug && (await slugInUse(tx, slug))) {
    slug = await uniqueSlug(record.slug, (s) => slugInUse(tx, s));
    warnings.push(`链接名 ${record.slug} 已被占用，改为 ${slug}。`);
  }
  const users = await usersByEmail(tx, [record.createdBy, record.updatedBy]);
  const article = await tx.article.create({
    data: {
      slug,
      sourceKey: record.sourceKey,
      title: record.title,
      summary: record.summary,
      body: record.body as Prisma.InputJsonValue,
      plainText: bodyPlainText(record.body),
      disclaimer: record.disclaimer,
      category: record.category,
      status: record.status,
      contentDate: record.contentDate ? fromIsoDate(record.contentDate) : null,
      publishedAt: record.publishedAt ? new Date(record.publishedAt) : null,
      // A pending schedule is not restored: it belongs to a person of the exporting database and
      // its job queue (lib/schedule); the export still says when it was due.
      version: record.version,
      importedVersion: record.importedVersion,
      rejectedRegionCodes: record.rejectedRegionCodes,
      sourceFile: record.sourceFile,
      sourceHash: record.sourceHash,
      createdById: record.createdBy ? (users.get(record.createdBy) ?? null) : null,
      updatedById: record.updatedBy ? (users.get(record.updatedBy) ?? null) : null,
      createdAt: new Date(record.createdAt),
      updatedAt: new Date(record.updatedAt),
    },
    select: { id: true },
  });
  await writeWorkingCopySearch(tx, article.id, { title: record.title, summary: record.summary, body: bodyPlainText(record.body) });
  const rows = regionRows(article.id, record.regions);
  if (rows.length) await tx.articleRegion.createMany({ data: rows });
  const resolved = await resolveAll(tx, record.recommendations, article.id);
  await writeItems(tx, article.id, resolved);
  warnings.push(...(await restoreReviews(tx, article.id, record.reviews)));

  const pending: PendingLink[] = [];
  if (published) {
    const liveResolved = await resolveAll(tx, published.recommendations, article.id);
    const live = await tx.revision.create({
      data: {
        articleId: article.id,
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
    await tx.article.update({ where: { id: article.id }, data: { publishedRevisionId: live.id, liveSlug: published.slug, updatedAt: new Date(record.updatedAt) } });
    const liveRegions = regionRows(article.id, published.regions).map(({ articleId, regionCode, provinceCode, cityCode }) => ({ articleId, regionCode, provinceCode, cityCode }));
    if (liveRegions.length) await tx.publishedArticleRegion.createMany({ data: liveRegions });
    await writeLiveSearch(tx, article.id);
    pending.push(...pendingFor(article.id, liveResolved, { working: false, revisionId: live.id }));
    // A live slug is never gone (lib/public-cache/gone-slugs.ts).
    const revived = await reviveSlugs(tx, article.id, published.slug);
    await recordPublicChange(tx, null, await readLiveState(tx, article.id), revived);
  }
  if (!published || published.articleVersion !== record.version) {
    const working = await writeRevision(tx, article.id, actorId, `从导出文件导入 ${fileName}`);
    pending.push(...pendingFor(article.id, resolved, { working: true, revisionId: working.id }));
  } else {
    // One revision is both the working and the live version; it holds the published list.
    pending.push(...pendingFor(article.id, resolved, { working: true, revisionId: null }));
  }
  await recordAudit(tx, { actorId, action: 'article.import', entityType: 'Article', entityId: article.id, summary: { outcome: 'created', file: fileName, format: 'ndjson' } });
  return { ok: true, articleId: article.id, warnings, pending };
}

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
  const { count } = await tx.article.updateMany({
    where: { id: existing.id, version: existing.version, deletedAt: null },
    data: {
      title: record.title,
      slug: record.slug,
      summary: record.summary,
      body: record.body as Prisma.InputJsonValue,
      plainText: bodyPlainText(record.body),
      disclaimer: record.disclaimer,
      category: record.category,
      contentDate: record.contentDate ? fromIsoDate(record.contentDate) : null,
      rejectedRegionCodes: record.rejectedRegionCodes,
      sourceFile: record.sourceFile,
      sourceHash: record.sourceHash,
      status: statusAfterEdit(existing.status),
      version: { increment: 1 },
      importedVersion: existing.version + 1,
      updatedById: actorId,
    },
  });
  if (count !== 1) return { ok: false, articleId: existing.id, reason: 'BUSY', message: '文章正在被修改，本记录未导入，请稍后重试。' };
  await writeWorkingCopySearch(tx, existing.id, { title: record.title, summary: record.summary, body: bodyPlainText(record.body) });
  await tx.articleRegion.deleteMany({ where: { articleId: existing.id } });
  const rows = regionRows(existing.id, record.regions);
  if (rows.length) await tx.articleRegion.createMany({ data: rows });
  const resolved = await resolveAll(tx, record.recommendations, existing.id);
  await writeItems(tx, existing.id, resolved);
  const note = forced ? `从导出文件重新导入 ${fileName}（覆盖编辑的修改，按要求导入为新版本）` : `从导出文件重新导入 ${fileName}`;
  const revision = await writeRevision(tx, existing.id, actorId, note);
  await recordAudit(tx, {
    actorId,
    action: 'article.import',
    entityType: 'Article',
    entityId: existing.id,
    summary: { outcome: 'updated', file: fileName, format: 'ndjson', ...(forced ? { forced: true, overwrittenVersion: existing.version } : {}) },
  });
  return { ok: true, articleId: existing.id, warnings: [], pending: pendingFor(existing.id, resolved, { working: true, revisionId: revision.id }) };
}

function revisionItem(item: RecordRecommendation, targetId: string | null): RevisionRecommendation {
  return { title: item.title, summary: item.summary, category: item.category, itemDate: item.itemDate, targetArticleId: targetId };
}

/**
 * Links recommendations whose target came later in the same batch (lists often point at each
 * other, so no order avoids this). The revisions written by this batch are completed too, so
 * that a restored published version links exactly as the exported one did.
 */
export async function linkPending(tx: Tx, links: PendingLink[]): Promise<void> {
  const patches = new Map<string, Map<number, string>>();
  for (const link of links) {
    const targetId = await resolveRef(tx, link.ref, link.articleId);
    if (!targetId) continue;
    if (link.itemPosition !== null) {
      await tx.recommendationItem.updateMany({
        where: { articleId: link.articleId, position: link.itemPosition, targetArticleId: null },
        data: { targetArticleId: targetId },
      });
    }
    for (const { revisionId, index } of link.revisions) {
      const patch = patches.get(revisionId) ?? new Map<number, string>();
      patch.set(index, targetId);
      patches.set(revisionId, patch);
    }
  }
  const livePages: string[] = [];
  for (const [revisionId, patch] of patches) {
    const revision = await tx.revision.findUniqueOrThrow({ where: { id: revisionId }, select: { recommendations: true, publishedFor: { select: { id: true } } } });
    const items = (revision.recommendations as RevisionRecommendation[]).map((item, i) => {
      const targetId = patch.get(i);
      return targetId && !item.targetArticleId ? { ...item, targetArticleId: targetId } : item;
    });
    await tx.revision.update({ where: { id: revisionId }, data: { recommendations: items } });
    if (revision.publishedFor) livePages.push(publicTags.article(revision.publishedFor.id));
  }
  // A restored live page whose links were completed here shows them from now on.
  await recordTags(tx, livePages);
}
