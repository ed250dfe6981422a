import type { Tx } from '@/lib/db/client';
import { documentFieldVectors, titleVectorSql, searchVectorSql, type SearchDocument } from './vector';

// Keeps the stored search vectors in step with the text they index, in the caller's transaction.
// ArticleSearch follows the working copy (admin search); PublishedArticleSearch the live version
// (public search), and has a row only while the article is live.

/** After any write of a working copy's title, summary or body. */
export async function writeWorkingCopySearch(tx: Tx, articleId: string, doc: SearchDocument): Promise<void> {
  const vector = searchVectorSql(documentFieldVectors(doc));
  await tx.$executeRaw`
    INSERT INTO "ArticleSearch" ("articleId", vector) VALUES (${articleId}, ${vector})
    ON CONFLICT ("articleId") DO UPDATE SET vector = EXCLUDED.vector`;
}

/** After an article goes live (publish, restore): indexes its published revision. */
export async function writeLiveSearch(tx: Tx, articleId: string): Promise<void> {
  const [live] = await tx.$queryRaw<{ title: string; summary: string; plainText: string; publishedAt: Date | null }[]>`
    SELECT r.title, r.summary, r."plainText", a."publishedAt"
    FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId"
    WHERE a.id = ${articleId} AND a."deletedAt" IS NULL`;
  if (!live) {
    await removeLiveSearch(tx, articleId);
    return;
  }
  const fields = documentFieldVectors({ title: live.title, summary: live.summary, body: live.plainText });
  const publishedAt = live.publishedAt ?? new Date();
  await tx.$executeRaw`
    INSERT INTO "PublishedArticleSearch" ("articleId", "publishedAt", vector, "titleVector")
    VALUES (${articleId}, ${publishedAt}, ${searchVectorSql(fields)}, ${titleVectorSql(fields)})
    ON CONFLICT ("articleId") DO UPDATE SET "publishedAt" = EXCLUDED."publishedAt", vector = EXCLUDED.vector, "titleVector" = EXCLUDED."titleVector"`;
}

/** After an article stops being live (unpublish). */
export async function removeLiveSearch(tx: Tx, articleId: string): Promise<void> {
  await tx.$executeRaw`DELETE FROM "PublishedArticleSearch" WHERE "articleId" = ${articleId}`;
}
