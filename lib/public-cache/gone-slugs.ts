import type { Db, Tx } from '@/lib/db/client';

// Addresses of article pages that were public and were taken down answer 410 Gone, so search
// engines drop them; a slug that never was public stays a 404 like any random one.
//
// Next's App Router has no way for a page to answer 410 (notFound() is 404), and the article
// page is served from the cache, so the app server (scripts/lib/app-server.ts) turns a 404 at
// /a/<slug> into a 410 when <slug> is in this process's set of gone slugs. The set lives in
// memory: a cached page costs no query. It is loaded at start and again whenever the change
// feed says an article came or went (publicTags.gone), before that change's pages are expired.

/**
 * In the transaction that takes an article's page down: its live slug and the older slugs that
 * redirected to it are gone from now on.
 */
export async function retireSlugs(tx: Tx, articleId: string, liveSlug: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "GoneSlug" (slug, "articleId")
    SELECT s, ${articleId} FROM (SELECT ${liveSlug}::text AS s UNION SELECT slug FROM "SlugRedirect" WHERE "articleId" = ${articleId}) x
    ON CONFLICT (slug) DO UPDATE SET "articleId" = EXCLUDED."articleId", "goneAt" = now()`;
}

/**
 * In the transaction that makes an article live at `liveSlug`: a live slug is never gone, and
 * the article's own gone addresses redirect to its page again (as after a rename).
 */
export async function reviveSlugs(tx: Tx, articleId: string, liveSlug: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "SlugRedirect" (slug, "articleId")
    SELECT slug, "articleId" FROM "GoneSlug" WHERE "articleId" = ${articleId} AND slug <> ${liveSlug}
    ON CONFLICT (slug) DO UPDATE SET "articleId" = EXCLUDED."articleId"`;
  await tx.goneSlug.deleteMany({ where: { OR: [{ articleId }, { slug: liveSlug }] } });
}

/**
 * Every slug that answers 410: the recorded ones, and those of a live article that was deleted
 * (moved to the trash) without being unpublished first. A slug live now is never among them.
 */
export async function readGoneSlugs(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ slug: string }[]>`
    SELECT slug FROM "GoneSlug"
    UNION
    SELECT r.slug FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId" WHERE a."deletedAt" IS NOT NULL
    UNION
    SELECT s.slug FROM "SlugRedirect" s JOIN "Article" a ON a.id = s."articleId" WHERE a."deletedAt" IS NOT NULL AND a."publishedRevisionId" IS NOT NULL
    EXCEPT
    SELECT r.slug FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId" WHERE a."deletedAt" IS NULL`;
  return rows.map((row) => row.slug);
}

export type GoneSlugSet = { has: (slug: string) => boolean; reload: () => Promise<void> };

export async function loadGoneSlugSet(db: Db): Promise<GoneSlugSet> {
  let slugs = new Set(await readGoneSlugs(db));
  return {
    has: (slug) => slugs.has(slug),
    async reload() {
      slugs = new Set(await readGoneSlugs(db));
    },
  };
}

/** The slug of an article page's path (/a/<slug>), or null. */
export function articleSlugOf(pathname: string): string | null {
  const match = /^\/a\/([a-z0-9-]{1,120})\/?$/.exec(pathname);
  return match ? match[1] : null;
}
