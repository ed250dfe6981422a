-- AlterTable
ALTER TABLE "Article" ADD COLUMN "rejectedRegionCodes" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex: substring search on titles (pg_trgm, created by the first migration)
CREATE INDEX "Article_title_trgm_idx" ON "Article" USING GIN ("title" gin_trgm_ops);
