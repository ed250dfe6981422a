-- DropIndex
DROP INDEX "Article_contentDate_idx";

-- DropIndex
DROP INDEX "Article_status_updatedAt_idx";

-- DropIndex
DROP INDEX "Article_updatedAt_idx";

-- CreateIndex
CREATE INDEX "Article_updatedAt_id_deletedAt_status_contentDate_title_idx" ON "Article"("updatedAt", "id", "deletedAt", "status", "contentDate", "title");

-- CreateIndex
CREATE INDEX "Article_contentDate_id_deletedAt_idx" ON "Article"("contentDate", "id", "deletedAt");

-- CreateIndex
CREATE INDEX "Article_title_id_deletedAt_idx" ON "Article"("title", "id", "deletedAt");

-- CreateIndex
CREATE INDEX "Article_status_updatedAt_id_deletedAt_idx" ON "Article"("status", "updatedAt", "id", "deletedAt");
