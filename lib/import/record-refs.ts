import type { Tx } from '@/lib/db/client';
import type { ArticleRef } from '@/lib/export/article-record';

// How an NDJSON record names another article (its recommendations' targets): by sourceKey, or by
// slug for an article written in the editor.

/** The article `ref` names here, or null when it is missing, in the trash or the record itself. */
export async function resolveRef(tx: Tx, ref: ArticleRef | null, selfId: string | null): Promise<string | null> {
  if (!ref) return null;
  const target = ref.sourceKey
    ? await tx.article.findUnique({ where: { sourceKey: ref.sourceKey }, select: { id: true, deletedAt: true } })
    : await tx.article.findFirst({ where: { OR: [{ slug: ref.slug }, { publishedRevision: { slug: ref.slug } }] }, select: { id: true, deletedAt: true } });
  if (!target || target.deletedAt || target.id === selfId) return null;
  return target.id;
}
