-- Recommendation links of NDJSON-restored articles still waiting for their target
-- (lib/import/pending-links.ts): kept in the database so that an interrupted restore links them
-- when it is run again.

-- CreateTable
CREATE TABLE "PendingRecommendationLink" (
    "id" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "articleVersion" INTEGER NOT NULL,
    "targetSourceKey" TEXT,
    "targetSlug" TEXT NOT NULL,
    "itemPosition" INTEGER,
    "revisions" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingRecommendationLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PendingRecommendationLink_articleId_idx" ON "PendingRecommendationLink"("articleId");

-- AddForeignKey
ALTER TABLE "PendingRecommendationLink" ADD CONSTRAINT "PendingRecommendationLink_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
