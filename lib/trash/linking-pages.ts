import type { Tx } from '@/lib/db/client';

export type LinkingPage = {
  id: string;
  title: string;
  /** Its live page links to the article (as readers see it), not only its working copy. */
  linksLive: boolean;
};

/** How many linking pages a confirmation names; the rest are counted. */
export const linkingPagesShown = 50;

/**
 * The articles (not in the trash) whose recommendation lists link to `articleId`: by the item's
 * target, or, while it is live, by its live title (an unlinked item links to the live article of
 * its title on the public page: lib/public/read-published.ts). The working copy's items
 * (RecommendationItem, indexed) are the live list too when an article has no edits since it was
 * published; for the few live articles that have, the live revision's list is read as well.
 */
export async function findLinkingPages(tx: Tx, articleId: string, liveTitle: string | null): Promise<{ pages: LinkingPage[]; total: number }> {
  const rows = await tx.$queryRaw<(LinkingPage & { total: number })[]>`
    WITH working AS (
      SELECT i."articleId" AS id FROM "RecommendationItem" i WHERE i."targetArticleId" = ${articleId}
      UNION
      SELECT i."articleId" FROM "RecommendationItem" i WHERE i."targetArticleId" IS NULL AND i.title = ${liveTitle}::text
    ), live_edited AS (
      SELECT a.id FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId"
      WHERE ${liveTitle}::text IS NOT NULL AND a."deletedAt" IS NULL AND a.version <> r."articleVersion"
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(r.recommendations) e
                    WHERE e->>'targetArticleId' = ${articleId} OR (e->>'targetArticleId' IS NULL AND e->>'title' = ${liveTitle}::text))
    )
    SELECT a.id, a.title,
           CASE WHEN a."publishedRevisionId" IS NULL THEN false
                WHEN a.version = r."articleVersion" THEN a.id IN (SELECT id FROM working)
                ELSE a.id IN (SELECT id FROM live_edited) END AS "linksLive",
           (count(*) OVER ())::int AS total
    FROM "Article" a LEFT JOIN "Revision" r ON r.id = a."publishedRevisionId"
    WHERE a.id IN (SELECT id FROM working UNION SELECT id FROM live_edited) AND a."deletedAt" IS NULL AND a.id <> ${articleId}
    ORDER BY "linksLive" DESC, a.title, a.id
    LIMIT ${linkingPagesShown}`;
  return { pages: rows.map(({ total: _total, ...page }) => page), total: rows[0]?.total ?? 0 };
}
