import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { canDeleteArticle, canRestoreArticle } from '@/lib/workflow/policy';
import { findLinkingPages } from './linking-pages';
import { purgeDueAt } from './retention';

// The trash's reads. Callers (pages) have already checked the user with requireUser(); what each
// row offers is worked out here, and every action checks its rules again on the server.

export const trashPageSize = 50;

/** The confirmation before moving an article to the trash: what it will do, and whether the user may. */
export async function readTrashConfirmation(user: CurrentUser, articleId: string) {
  const article = await db.article.findFirst({
    where: { id: articleId, deletedAt: null },
    select: {
      id: true,
      title: true,
      status: true,
      version: true,
      createdById: true,
      publishedRevisionId: true,
      publishedRevision: { select: { slug: true, title: true } },
    },
  });
  if (!article) return null;
  const live = article.publishedRevision;
  return {
    id: article.id,
    title: article.title,
    status: article.status,
    version: article.version,
    liveSlug: live?.slug ?? null,
    canTrash: canDeleteArticle(user, article),
    linking: await findLinkingPages(db, article.id, live?.title ?? null),
  };
}

/** An article in the trash, for a page that was asked for it (its editor page says where it is). */
export async function findTrashedArticle(articleId: string) {
  return db.article.findFirst({
    where: { id: articleId, deletedAt: { not: null } },
    select: { id: true, title: true, deletedAt: true, deletedBy: { select: { name: true } } },
  });
}

export type TrashConfirmation = NonNullable<Awaited<ReturnType<typeof readTrashConfirmation>>>;

type TrashRowRecord = {
  id: string;
  title: string;
  slug: string;
  status: ArticleStatus;
  deletedAt: Date;
  createdById: string | null;
  deletedById: string | null;
  deletedByName: string | null;
  createdByName: string | null;
  revisions: number;
  linkedFrom: number;
  wasLive: boolean;
};

/**
 * One page of the trash, newest first, paged in SQL on the (deletedAt, id) index, with what
 * the user may do with each entry and what deleting it would touch.
 */
export async function readTrashPage(user: CurrentUser, page: number, now = new Date()) {
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<TrashRowRecord[]>`
      WITH page AS (
        SELECT id FROM "Article" WHERE "deletedAt" IS NOT NULL
        ORDER BY "deletedAt" DESC, id DESC
        LIMIT ${trashPageSize} OFFSET ${(page - 1) * trashPageSize}
      )
      SELECT a.id, a.title, a.slug, a.status::text AS status, a."deletedAt", a."createdById", a."deletedById",
             d.name AS "deletedByName", c.name AS "createdByName",
             (SELECT count(*)::int FROM "Revision" r WHERE r."articleId" = a.id) AS revisions,
             (SELECT count(DISTINCT i."articleId")::int FROM "RecommendationItem" i WHERE i."targetArticleId" = a.id AND i."articleId" <> a.id) AS "linkedFrom",
             EXISTS (SELECT 1 FROM "GoneSlug" g WHERE g."articleId" = a.id) AS "wasLive"
      FROM page JOIN "Article" a ON a.id = page.id
      LEFT JOIN "User" d ON d.id = a."deletedById"
      LEFT JOIN "User" c ON c.id = a."createdById"
      ORDER BY a."deletedAt" DESC, a.id DESC`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Article" WHERE "deletedAt" IS NOT NULL`,
  ]);
  const mayDelete = roleHas(user.role, 'article:delete-permanently');
  return {
    total,
    pageCount: Math.max(1, Math.ceil(total / trashPageSize)),
    rows: rows.map((row) => ({
      id: row.id,
      title: row.title,
      slug: row.slug,
      status: row.status,
      wasLive: row.wasLive,
      createdBy: row.createdByName,
      deletedBy: row.deletedByName,
      deletedAt: row.deletedAt.toISOString(),
      purgeAt: purgeDueAt(row.deletedAt).toISOString(),
      /** Due already: the next hourly purge deletes it. */
      purgeDue: purgeDueAt(row.deletedAt) <= now,
      revisions: row.revisions,
      linkedFrom: row.linkedFrom,
      canRestore: canRestoreArticle(user, row),
      canDelete: mayDelete,
    })),
  };
}

export type TrashRow = Awaited<ReturnType<typeof readTrashPage>>['rows'][number];
