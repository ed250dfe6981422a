-- The live slug on the article, unique: two publishes racing for one address cannot both pass
-- (lib/workflow/workflow.ts). Filled from the live revisions of the articles that are live now.

-- AlterTable
ALTER TABLE "Article" ADD COLUMN "liveSlug" TEXT;

UPDATE "Article" a SET "liveSlug" = r.slug FROM "Revision" r WHERE r.id = a."publishedRevisionId";

-- CreateIndex
CREATE UNIQUE INDEX "Article_liveSlug_key" ON "Article"("liveSlug");
