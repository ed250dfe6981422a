import type { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/db/client';
import { toIsoDate } from '@/lib/dates';

export type RevisionRegion = { code: string; origin: 'AUTO' | 'MANUAL'; confidence: number };
export type RevisionRecommendation = {
  title: string;
  summary: string;
  category: string;
  itemDate: string | null;
  targetArticleId: string | null;
};

/** The note of a revision grown by the editor's autosaves (lib/articles/save-article.ts). */
export const AUTOSAVE_NOTE = '自动保存';

// What a revision snapshots: the article's fields, its regions and its recommendation list.
const snapshotInclude = {
  regions: { orderBy: { regionCode: 'asc' } },
  recommendations: { orderBy: { position: 'asc' } },
} satisfies Prisma.ArticleInclude;

type SnapshotSource = Prisma.ArticleGetPayload<{ include: typeof snapshotInclude }>;

function revisionData(article: SnapshotSource, authorId: string | null, note: string): Prisma.RevisionCreateManyInput {
  const regions: RevisionRegion[] = article.regions.map((r) => ({ code: r.regionCode, origin: r.origin, confidence: r.confidence }));
  const recommendations: RevisionRecommendation[] = article.recommendations.map((item) => ({
    title: item.title,
    summary: item.summary,
    category: item.category,
    itemDate: item.itemDate ? toIsoDate(item.itemDate) : null,
    targetArticleId: item.targetArticleId,
  }));
  return {
    articleId: article.id,
    articleVersion: article.version,
    title: article.title,
    slug: article.slug,
    summary: article.summary,
    body: article.body ?? {},
    plainText: article.plainText,
    disclaimer: article.disclaimer,
    category: article.category,
    contentDate: article.contentDate,
    regions,
    recommendations,
    authorId,
    note,
  };
}

/** Snapshots the article as it now stands in the transaction. */
export async function writeRevision(tx: Tx, articleId: string, authorId: string | null, note = '') {
  const article = await tx.article.findUniqueOrThrow({ where: { id: articleId }, include: snapshotInclude });
  return tx.revision.create({ data: revisionData(article, authorId, note) });
}

/** writeRevision for many articles at once: the same snapshots in two queries, whatever their number. */
export async function writeRevisions(tx: Tx, articleIds: string[], authorId: string | null, note = ''): Promise<number> {
  if (articleIds.length === 0) return 0;
  const articles = await tx.article.findMany({ where: { id: { in: articleIds } }, include: snapshotInclude });
  const { count } = await tx.revision.createMany({ data: articles.map((article) => revisionData(article, authorId, note)) });
  return count;
}
