import { z } from 'zod';
import type { Db, Tx } from '@/lib/db/client';
import { publicTags } from '@/lib/public-cache/cache-tags';
import { recordTags } from '@/lib/public-cache/change-feed';
import type { RevisionRecommendation } from '@/lib/articles/write-revision';
import type { ArticleRef } from '@/lib/export/article-record';
import { resolveRef } from './record-refs';

// Recommendation links between NDJSON records whose target was not in the database yet (the
// target comes later in the file, or never: see README "Export and re-import"). They are kept in
// PendingRecommendationLink, written in the transaction of the record that needs them, so that a
// restore killed before its end loses none: every import that handles records links, at its
// start (leftovers of an interrupted one) and at its end, each pending link whose target now
// exists, the same way linkPending always has (the working list's item and the revisions that
// import wrote), and deletes it. Links whose target is still missing wait for a later import.

/**
 * A recommendation whose target was not (yet) in this database, to link once the batch is done:
 * the working list's item at `itemPosition` (null for an item of the published list only) and
 * the same item in the revisions this import wrote.
 */
export type PendingLink = { articleId: string; ref: ArticleRef; itemPosition: number | null; revisions: { revisionId: string; index: number }[] };

/** Keeps the links a record's write left pending, in that write's transaction. */
export async function persistPendingLinks(tx: Tx, links: PendingLink[]): Promise<void> {
  if (links.length === 0) return;
  const articles = await tx.article.findMany({ where: { id: { in: [...new Set(links.map((l) => l.articleId))] } }, select: { id: true, version: true } });
  const versions = new Map(articles.map((a) => [a.id, a.version]));
  await tx.pendingRecommendationLink.createMany({
    data: links.map((link) => ({
      articleId: link.articleId,
      articleVersion: versions.get(link.articleId)!,
      targetSourceKey: link.ref.sourceKey,
      targetSlug: link.ref.slug,
      itemPosition: link.itemPosition,
      revisions: link.revisions,
    })),
  });
}

const revisionRefsSchema = z.array(z.object({ revisionId: z.string().min(1), index: z.number().int().nonnegative() }));

// Links a page of pending links per transaction (each a few queries), under one lock so that two
// imports ending at once do not both link the same ones.
const PAGE_SIZE = 200;
const resolveLock = 4208;

/**
 * Links every pending link whose target exists now, and deletes it; the others stay. Never
 * throws: the articles are in either way, and a link that could not be made now is tried again
 * by the next import.
 */
export async function resolvePendingLinks(db: Db): Promise<{ linked: number; waiting: number }> {
  const totals = { linked: 0, waiting: 0 };
  try {
    let after: string | null = null;
    for (;;) {
      const page = await db.$transaction((tx) => resolvePage(tx, after), { timeout: 120_000 });
      totals.linked += page.linked;
      totals.waiting += page.waiting;
      if (!page.last) break;
      after = page.last;
    }
  } catch (error) {
    console.error('import: linking recommendations between imported records failed', error);
  }
  return totals;
}

async function resolvePage(tx: Tx, after: string | null): Promise<{ last: string | null; linked: number; waiting: number }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${resolveLock})`;
  const rows = await tx.pendingRecommendationLink.findMany({
    where: after ? { id: { gt: after } } : {},
    orderBy: { id: 'asc' },
    take: PAGE_SIZE,
    include: { article: { select: { version: true } } },
  });
  if (rows.length === 0) return { last: null, linked: 0, waiting: 0 };
  const revisionIds = rows.flatMap((row) => revisionRefsSchema.parse(row.revisions).map((r) => r.revisionId));
  const existingRevisions = new Set((await tx.revision.findMany({ where: { id: { in: revisionIds } }, select: { id: true } })).map((r) => r.id));
  const ready: PendingLink[] = [];
  const done: string[] = [];
  for (const row of rows) {
    const ref = { sourceKey: row.targetSourceKey, slug: row.targetSlug };
    if (!(await resolveRef(tx, ref, row.articleId))) continue;
    ready.push({
      articleId: row.articleId,
      ref,
      // Edited since (or updated by a later import, which kept links of its own): the item at
      // that position may be another one now; the revisions are snapshots and still hold it.
      itemPosition: row.article.version === row.articleVersion ? row.itemPosition : null,
      revisions: revisionRefsSchema.parse(row.revisions).filter((r) => existingRevisions.has(r.revisionId)),
    });
    done.push(row.id);
  }
  if (ready.length) await linkPending(tx, ready);
  if (done.length) await tx.pendingRecommendationLink.deleteMany({ where: { id: { in: done } } });
  return { last: rows.length === PAGE_SIZE ? rows[rows.length - 1].id : null, linked: done.length, waiting: rows.length - done.length };
}

/**
 * Links recommendations whose target came later in the same batch (lists often point at each
 * other, so no order avoids this). The revisions written by this batch are completed too, so
 * that a restored published version links exactly as the exported one did.
 */
async function linkPending(tx: Tx, links: PendingLink[]): Promise<void> {
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
    const revision = await tx.revision.findUniqueOrThrow({
      where: { id: revisionId },
      select: { recommendations: true, publishedFor: { select: { id: true } } },
    });
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
