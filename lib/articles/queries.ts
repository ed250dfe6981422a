import { db } from '@/lib/db/client';
import { fromIsoDate, toIsoDate } from '@/lib/dates';
import type { Prisma } from '@/lib/generated/prisma/client';
import { regionRollupWhere } from '@/lib/regions/region-filter';
import type { ArticleListQuery } from './list-query';

// Admin reads. Callers (pages) have already checked the user with requireUser().

export async function listArticles(query: ArticleListQuery) {
  const where: Prisma.ArticleWhereInput = { deletedAt: null };
  if (query.status) where.status = query.status;
  if (query.q) {
    where.OR = [
      { title: { contains: query.q, mode: 'insensitive' } },
      { slug: { contains: query.q.toLowerCase() } },
    ];
  }
  if (query.region) where.regions = { some: regionRollupWhere(query.region) };
  if (query.from || query.to) {
    where.contentDate = {
      ...(query.from ? { gte: fromIsoDate(query.from) } : {}),
      ...(query.to ? { lte: fromIsoDate(query.to) } : {}),
    };
  }
  const orderBy: Prisma.ArticleOrderByWithRelationInput[] = [
    query.sort === 'contentDate' ? { contentDate: { sort: query.dir, nulls: 'last' } } : { [query.sort]: query.dir },
    { id: 'asc' },
  ];
  const [rows, total] = await Promise.all([
    db.article.findMany({
      where,
      orderBy,
      skip: (query.page - 1) * query.size,
      take: query.size,
      select: {
        id: true,
        title: true,
        slug: true,
        status: true,
        contentDate: true,
        updatedAt: true,
        publishedRevisionId: true,
        regions: { select: { region: { select: { name: true } } }, take: 3, orderBy: { confidence: 'desc' } },
        updatedBy: { select: { name: true } },
      },
    }),
    db.article.count({ where }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      title: r.title,
      slug: r.slug,
      status: r.status,
      isLive: r.publishedRevisionId !== null,
      contentDate: r.contentDate ? toIsoDate(r.contentDate) : null,
      updatedAt: r.updatedAt.toISOString(),
      regions: r.regions.map((x) => x.region.name),
      updatedBy: r.updatedBy?.name ?? null,
    })),
  };
}

export type ArticleListRow = Awaited<ReturnType<typeof listArticles>>['rows'][number];

export async function getArticleForEdit(id: string) {
  const article = await db.article.findFirst({
    where: { id, deletedAt: null },
    include: {
      regions: { include: { region: { select: { name: true, level: true } } }, orderBy: { regionCode: 'asc' } },
      recommendations: { orderBy: { position: 'asc' }, include: { targetArticle: { select: { id: true, title: true, slug: true } } } },
      reviews: { orderBy: { createdAt: 'desc' }, take: 5, include: { reviewer: { select: { name: true } } } },
      publishedRevision: { select: { articleVersion: true, slug: true } },
      createdBy: { select: { name: true } },
      updatedBy: { select: { name: true } },
    },
  });
  return article;
}

export type ArticleForEdit = NonNullable<Awaited<ReturnType<typeof getArticleForEdit>>>;

/** Articles an editor can link a recommendation item to. */
export async function findLinkableArticles(text: string, excludeId: string) {
  return db.article.findMany({
    where: { deletedAt: null, id: { not: excludeId }, title: { contains: text, mode: 'insensitive' } },
    orderBy: { updatedAt: 'desc' },
    take: 10,
    select: { id: true, title: true, status: true },
  });
}

export async function listReviewQueue() {
  return db.article.findMany({
    where: { deletedAt: null, status: 'IN_REVIEW' },
    orderBy: { updatedAt: 'asc' },
    select: { id: true, title: true, version: true, updatedAt: true, updatedBy: { select: { name: true } } },
  });
}

export async function countByStatus() {
  const groups = await db.article.groupBy({ by: ['status'], where: { deletedAt: null }, _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Partial<Record<string, number>>;
}
