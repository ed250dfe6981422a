import type { Db } from '@/lib/db/client';
import { writeLiveSearch, writeWorkingCopySearch } from './write-vectors';

// Articles written before the search tables existed (or by a tool that skips them) get their
// vectors here; run after the migrations by prepareDatabase. Nothing to do is one cheap query each.

const BATCH = 200;

export async function backfillSearchVectors(db: Db): Promise<{ workingCopies: number; live: number }> {
  let workingCopies = 0;
  let live = 0;
  for (;;) {
    const rows = await db.$queryRaw<{ id: string; title: string; summary: string; plainText: string }[]>`
      SELECT a.id, a.title, a.summary, a."plainText" FROM "Article" a
      WHERE NOT EXISTS (SELECT 1 FROM "ArticleSearch" s WHERE s."articleId" = a.id) LIMIT ${BATCH}`;
    if (rows.length === 0) break;
    await db.$transaction(async (tx) => {
      for (const row of rows) await writeWorkingCopySearch(tx, row.id, { title: row.title, summary: row.summary, body: row.plainText });
    });
    workingCopies += rows.length;
  }
  for (;;) {
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT a.id FROM "Article" a
      WHERE a."publishedRevisionId" IS NOT NULL AND a."deletedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "PublishedArticleSearch" s WHERE s."articleId" = a.id) LIMIT ${BATCH}`;
    if (rows.length === 0) break;
    await db.$transaction(async (tx) => {
      for (const row of rows) await writeLiveSearch(tx, row.id);
    });
    live += rows.length;
  }
  return { workingCopies, live };
}
