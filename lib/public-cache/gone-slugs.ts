import type { Db, Tx } from '@/lib/db/client';
import { publicTags } from './cache-tags';

// Addresses of article pages that were public and were taken down answer 410 Gone, so search
// engines drop them; a slug that never was public stays a 404 like any random one.
//
// Next's App Router has no way for a page to answer 410 (notFound() is 404), and the article
// page is served from the cache, so the app server (scripts/lib/app-server.ts) turns a 404 at
// /a/<slug> into a 410 when <slug> is in this process's set of gone slugs. The set lives in
// memory: a cached page costs no query. It is loaded at start; when the change feed says an
// article came or went (publicTags.gone), the slugs that change names (its public:slug tags) are
// looked up again, before that change's pages are expired.

/**
 * In the transaction that takes an article's page down: its live slug and the older slugs that
 * redirected to it are gone from now on.
 */
export async function retireSlugs(tx: Tx, articleId: string, liveSlug: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ slug: string }[]>`
    INSERT INTO "GoneSlug" (slug, "articleId")
    SELECT s, ${articleId} FROM (SELECT ${liveSlug}::text AS s UNION SELECT slug FROM "SlugRedirect" WHERE "articleId" = ${articleId}) x
    ON CONFLICT (slug) DO UPDATE SET "articleId" = EXCLUDED."articleId", "goneAt" = now()
    RETURNING slug`;
  return rows.map((row) => row.slug);
}

/**
 * In the transaction that makes an article live at `liveSlug`: a live slug is never gone, and
 * the article's own gone addresses redirect to its page again (as after a rename).
 */
export async function reviveSlugs(tx: Tx, articleId: string, liveSlug: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ slug: string }[]>`
    INSERT INTO "SlugRedirect" (slug, "articleId")
    SELECT slug, "articleId" FROM "GoneSlug" WHERE "articleId" = ${articleId} AND slug <> ${liveSlug}
    ON CONFLICT (slug) DO UPDATE SET "articleId" = EXCLUDED."articleId"
    RETURNING slug`;
  await tx.goneSlug.deleteMany({ where: { OR: [{ articleId }, { slug: liveSlug }] } });
  return rows.map((row) => row.slug);
}

/**
 * Every slug that answers 410: the recorded ones, and those of a live article that was deleted
 * (moved to the trash) without being unpublished first. A slug live now is never among them.
 */
export async function readGoneSlugs(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ slug: string }[]>`
    SELECT c.slug FROM (
      SELECT slug FROM "GoneSlug"
      UNION
      SELECT r.slug FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId" WHERE a."deletedAt" IS NOT NULL
      UNION
      SELECT s.slug FROM "SlugRedirect" s JOIN "Article" a ON a.id = s."articleId" WHERE a."deletedAt" IS NOT NULL AND a."publishedRevisionId" IS NOT NULL
    ) c
    WHERE NOT EXISTS (SELECT 1 FROM "Revision" r JOIN "Article" a ON a."publishedRevisionId" = r.id WHERE r.slug = c.slug AND a."deletedAt" IS NULL)`;
  return rows.map((row) => row.slug);
}

/** Which of `slugs` are gone now (index lookups only: what a change's slugs need). */
export async function readGoneAmong(db: Db, slugs: string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  const rows = await db.$queryRaw<{ slug: string }[]>`
    SELECT c.slug FROM unnest(${slugs}::text[]) c(slug)
    WHERE (EXISTS (SELECT 1 FROM "GoneSlug" g WHERE g.slug = c.slug)
      OR EXISTS (SELECT 1 FROM "Revision" r JOIN "Article" a ON a."publishedRevisionId" = r.id WHERE r.slug = c.slug AND a."deletedAt" IS NOT NULL)
      OR EXISTS (SELECT 1 FROM "SlugRedirect" s JOIN "Article" a ON a.id = s."articleId" WHERE s.slug = c.slug AND a."deletedAt" IS NOT NULL AND a."publishedRevisionId" IS NOT NULL))
      AND NOT EXISTS (SELECT 1 FROM "Revision" r JOIN "Article" a ON a."publishedRevisionId" = r.id WHERE r.slug = c.slug AND a."deletedAt" IS NULL)`;
  return rows.map((row) => row.slug);
}

export type GoneSlugSet = { has: (slug: string) => boolean; refresh: (slugs: string[]) => Promise<void> };

export async function loadGoneSlugSet(db: Db): Promise<GoneSlugSet> {
  const gone = new Set(await readGoneSlugs(db));
  return {
    has: (slug) => gone.has(slug),
    async refresh(slugs) {
      const now = new Set(await readGoneAmong(db, slugs));
      for (const slug of slugs) {
        if (now.has(slug)) gone.add(slug);
        else gone.delete(slug);
      }
    },
  };
}

/** The slugs a change's tags name (public:slug:<slug>). */
export function slugsOfTags(tags: string[]): string[] {
  const prefix = publicTags.slug('');
  return tags.filter((tag) => tag.startsWith(prefix)).map((tag) => tag.slice(prefix.length));
}

/** The slug of an article page's path (/a/<slug>), or null. */
export function articleSlugOf(pathname: string): string | null {
  const match = /^\/a\/([a-z0-9-]{1,120})\/?$/.exec(pathname);
  return match ? match[1] : null;
}
