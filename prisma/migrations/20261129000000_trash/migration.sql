-- The trash: who moved an article there (deletedAt says when), and an index for the trash page
-- and its purge of items older than 30 days.

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "deletedById" TEXT;

-- CreateIndex
CREATE INDEX "Article_deletedAt_id_idx" ON "Article"("deletedAt", "id");

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_deletedById_fkey" FOREIGN KEY ("deletedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
