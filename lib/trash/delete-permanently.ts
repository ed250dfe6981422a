import { recordAudit } from '@/lib/audit/record-audit';
import { roleHas } from '@/lib/auth/permissions';
import type { CurrentUser } from '@/lib/auth/session-types';
import { db, type Tx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { retireSlugs } from '@/lib/public-cache/gone-slugs';

export type DeletedArticle = { id: string; title: string; revisions: number; unlinkedItems: number };

/**
 * In the caller's transaction: deletes an article that is in the trash (moved there before
 * `trashedBefore`, when given) with everything that belongs to it, and audits it; null when it
 * is not (or no longer) there.
 *
 * What references it, by the schema's foreign keys: its revisions, reviews, regions, its own
 * recommendation list, slug redirects and search rows cascade. Other articles' recommendation
 * items that link to it become unlinked items with their own title, summary, category and date
 * (what the public page shows for an external item: a plain card). Import history keeps its rows
 * without the link. Revision snapshots of other articles keep the id, which no longer resolves:
 * their pages show that item as a plain card too, and restoring such a version unlinks it
 * (lib/revisions/restore.ts). Gone addresses (GoneSlug) have no key and keep answering 410.
 */
export async function deleteTrashedArticle(
  tx: Tx,
  options: { articleId: string; actorId: string | null; action: 'article.delete' | 'article.purge'; trashedBefore?: Date; ip?: string | null },
): Promise<DeletedArticle | null> {
  // The row lock orders this against a concurrent restore, purge or second delete.
  const [locked] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Article"
    WHERE id = ${options.articleId} AND "deletedAt" IS NOT NULL ${options.trashedBefore ? Prisma.sql`AND "deletedAt" < ${options.trashedBefore}` : Prisma.empty}
    FOR UPDATE`;
  if (!locked) return null;
  const article = await tx.article.findUniqueOrThrow({
    where: { id: locked.id },
    select: {
      id: true,
      title: true,
      slug: true,
      deletedAt: true,
      deletedBy: { select: { name: true } },
      publishedRevision: { select: { slug: true } },
      _count: { select: { revisions: true } },
    },
  });
  const { count: unlinkedItems } = await tx.recommendationItem.updateMany({ where: { targetArticleId: article.id }, data: { targetArticleId: null } });
  // Only an article put in the trash while live without being unpublished (as before the trash
  // existed): its addresses were gone by its row, and stay gone once the row is not there.
  if (article.publishedRevision) {
    await retireSlugs(tx, article.id, article.publishedRevision.slug);
    await tx.article.update({ where: { id: article.id }, data: { publishedRevisionId: null, liveSlug: null } });
  }
  await tx.article.delete({ where: { id: article.id } });
  await recordAudit(tx, {
    actorId: options.actorId,
    action: options.action,
    entityType: 'Article',
    entityId: article.id,
    summary: {
      title: article.title,
      slug: article.slug,
      revisions: article._count.revisions,
      unlinkedItems,
      trashedAt: article.deletedAt?.toISOString() ?? null,
      trashedBy: article.deletedBy?.name ?? null,
    },
    ip: options.ip,
  });
  return { id: article.id, title: article.title, revisions: article._count.revisions, unlinkedItems };
}

/** An admin empties one item of the trash. */
export async function deletePermanently(input: { actor: CurrentUser; articleId: string; ip?: string | null }): Promise<DeletedArticle> {
  if (!roleHas(input.actor.role, 'article:delete-permanently')) throw new AppError('FORBIDDEN', '只有管理员可以永久删除文章');
  const deleted = await db.$transaction((tx) =>
    deleteTrashedArticle(tx, { articleId: input.articleId, actorId: input.actor.id, action: 'article.delete', ip: input.ip }),
  );
  if (!deleted) throw new AppError('NOT_FOUND', '回收站中没有这篇文章（可能已被恢复或永久删除）');
  return deleted;
}
