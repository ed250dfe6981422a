-- Scheduled publishing and unpublishing (lib/schedule): what an article's one pending schedule
-- does, the approved version it was made for, and who made it. scheduledAt existed unused.

-- CreateEnum
CREATE TYPE "ScheduledAction" AS ENUM ('PUBLISH', 'UNPUBLISH');

-- AlterTable
ALTER TABLE "Article" ADD COLUMN "scheduledAction" "ScheduledAction",
ADD COLUMN "scheduledVersion" INTEGER,
ADD COLUMN "scheduledById" TEXT;

-- CreateIndex
CREATE INDEX "Article_scheduledAt_idx" ON "Article"("scheduledAt");

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_scheduledById_fkey" FOREIGN KEY ("scheduledById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
