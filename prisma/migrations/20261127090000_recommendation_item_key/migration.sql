-- A list item is identified by its article and position (see schema.prisma): the surrogate id
-- and the separate (articleId, position) index go, and titles get a hash index.

-- AlterTable
ALTER TABLE "RecommendationItem" DROP CONSTRAINT "RecommendationItem_pkey";
ALTER TABLE "RecommendationItem" DROP COLUMN "id";
ALTER TABLE "RecommendationItem" ADD CONSTRAINT "RecommendationItem_pkey" PRIMARY KEY ("articleId", "position");

-- DropIndex
DROP INDEX "RecommendationItem_articleId_position_idx";

-- DropIndex
DROP INDEX "RecommendationItem_title_idx";

-- CreateIndex
CREATE INDEX "RecommendationItem_title_idx" ON "RecommendationItem" USING HASH ("title");
