import type { Tx } from '@/lib/db/client';

/**
 * A slug is in use when another article has it, as its working copy or as its live page: the
 * live page keeps its slug until a new version is published, so the working copy alone is
 * not enough to keep public URLs unique.
 */
export async function slugInUse(tx: Tx, slug: string, exceptArticleId?: string): Promise<boolean> {
  const count = await tx.article.count({
    where: {
      OR: [{ slug }, { publishedRevision: { slug } }],
      ...(exceptArticleId ? { id: { not: exceptArticleId } } : {}),
    },
  });
  return count > 0;
}
