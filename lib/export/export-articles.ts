import type { Db, Tx } from '@/lib/db/client';
import { toIsoDate } from '@/lib/dates';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { regionRollupWhere } from '@/lib/regions/region-filter';
import type { RevisionRecommendation, RevisionRegion } from '@/lib/articles/write-revision';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type ArticleRecord, type ArticleRef, type ExportHeader } from './article-record';

export type ExportFilters = { status?: ArticleStatus; region?: string };

const articleInclude = {
  regions: { orderBy: { regionCode: 'asc' } },
  recommendations: { orderBy: { position: 'asc' }, include: { targetArticle: { select: { sourceKey: true, slug: true } } } },
  createdBy: { select: { email: true } },
  updatedBy: { select: { email: true } },
  publishedRevision: true,
  reviews: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: { reviewer: { select: { email: true } } } },
} satisfies Prisma.ArticleInclude;

type ArticleRow = Prisma.ArticleGetPayload<{ include: typeof articleInclude }>;

const PAGE_SIZE = 200;

export function exportHeader(filters: ExportFilters, now = new Date()): ExportHeader {
  return { format: EXPORT_FORMAT, version: EXPORT_FORMAT_VERSION, exportedAt: now.toISOString(), filters: { ...filters } };
}

/**
 * Every article matching the filters (deleted ones excluded: the trash is not content), as
 * export records in a stable order (creation time, then id), read a page at a time so that an
 * export of any size runs in constant memory.
 */
export async function* exportArticleRecords(db: Db, filters: ExportFilters): AsyncGenerator<ArticleRecord> {
  const where: Prisma.ArticleWhereInput = {
    deletedAt: null,
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.region ? { regions: { some: regionRollupWhere(filters.region) } } : {}),
  };
  let cursor: { id: string } | undefined;
  for (;;) {
    const rows = await db.article.findMany({
      where,
      include: articleInclude,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: PAGE_SIZE,
      ...(cursor ? { skip: 1, cursor } : {}),
    });
    if (rows.length === 0) return;
    const refs = await refsForRevisionTargets(db, rows);
    for (const row of rows) yield toRecord(row, refs);
    if (rows.length < PAGE_SIZE) return;
    cursor = { id: rows[rows.length - 1].id };
  }
}

/**
 * One article as an export record (the importer compares it with an incoming record). A working
 * list item whose link still waits for its target (PendingRecommendationLink, written by the
 * restore of this very version: lib/import/pending-links.ts) names that target, as the record
 * that restored it does: re-importing that record changes nothing, and the link is made as soon
 * as an import brings the target.
 */
export async function loadArticleRecord(tx: Tx, articleId: string): Promise<ArticleRecord | null> {
  const row = await tx.article.findUnique({ where: { id: articleId }, include: articleInclude });
  if (!row) return null;
  const record = toRecord(row, await refsForRevisionTargets(tx, [row]));
  const waiting = await tx.pendingRecommendationLink.findMany({
    where: { articleId, articleVersion: row.version, itemPosition: { not: null } },
    select: { itemPosition: true, targetSourceKey: true, targetSlug: true },
  });
  for (const link of waiting) {
    const item = record.recommendations[link.itemPosition!];
    if (item && !item.target) item.target = { sourceKey: link.targetSourceKey, slug: link.targetSlug };
  }
  return record;
}

function toRecord(row: ArticleRow, refs: Map<string, ArticleRef>): ArticleRecord {
  const published = row.publishedRevision;
  return {
    type: 'article',
    id: row.id,
    sourceKey: row.sourceKey,
    title: row.title,
    slug: row.slug,
    summary: row.summary,
    body: row.body,
    disclaimer: row.disclaimer,
    category: row.category,
    contentDate: row.contentDate ? toIsoDate(row.contentDate) : null,
    regions: row.regions.map((r) => ({ code: r.regionCode, origin: r.origin, confidence: r.confidence })),
    recommendations: row.recommendations.map((item) => ({
      title: item.title,
      summary: item.summary,
      category: item.category,
      itemDate: item.itemDate ? toIsoDate(item.itemDate) : null,
      target: item.targetArticle ? { sourceKey: item.targetArticle.sourceKey, slug: item.targetArticle.slug } : null,
    })),
    status: row.status,
    version: row.version,
    importedVersion: row.importedVersion,
    rejectedRegionCodes: row.rejectedRegionCodes,
    sourceFile: row.sourceFile,
    sourceHash: row.sourceHash,
    createdBy: row.createdBy?.email ?? null,
    updatedBy: row.updatedBy?.email ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    scheduledAt: row.scheduledAt?.toISOString() ?? null,
    published: published
      ? {
          articleVersion: published.articleVersion,
          title: published.title,
          slug: published.slug,
          summary: published.summary,
          body: published.body,
          disclaimer: published.disclaimer,
          category: published.category,
          contentDate: published.contentDate ? toIsoDate(published.contentDate) : null,
          regions: (published.regions as RevisionRegion[]).map((r) => ({ code: r.code, origin: r.origin, confidence: r.confidence })),
          recommendations: (published.recommendations as RevisionRecommendation[]).map((item) => ({
            title: item.title,
            summary: item.summary,
            category: item.category,
            itemDate: item.itemDate,
            target: item.targetArticleId ? (refs.get(item.targetArticleId) ?? null) : null,
          })),
          createdAt: published.createdAt.toISOString(),
        }
      : null,
    reviews: row.reviews.map((review) => ({
      reviewer: review.reviewer.email,
      decision: review.decision,
      comment: review.comment,
      articleVersion: review.articleVersion,
      createdAt: review.createdAt.toISOString(),
    })),
  };
}

// Published revisions store target ids in JSON; the export names targets by key instead.
async function refsForRevisionTargets(db: Tx, rows: ArticleRow[]): Promise<Map<string, ArticleRef>> {
  const ids = new Set<string>();
  for (const row of rows) {
    for (const item of (row.publishedRevision?.recommendations ?? []) as RevisionRecommendation[]) {
      if (item.targetArticleId) ids.add(item.targetArticleId);
    }
  }
  if (ids.size === 0) return new Map();
  const targets = await db.article.findMany({ where: { id: { in: [...ids] } }, select: { id: true, sourceKey: true, slug: true } });
  return new Map(targets.map((t) => [t.id, { sourceKey: t.sourceKey, slug: t.slug }]));
}
