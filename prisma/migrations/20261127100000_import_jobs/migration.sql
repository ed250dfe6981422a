-- Background imports with progress (lib/jobs): a status and progress on every batch, and the
-- staged upload handed to its batch on confirmation. The job queue itself (pg-boss) keeps its
-- own tables in the "pgboss" schema, created by pg-boss at start-up.

-- CreateEnum
CREATE TYPE "ImportBatchStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- AlterTable
ALTER TABLE "ImportBatch" ADD COLUMN     "error" TEXT,
ADD COLUMN     "finishedAt" TIMESTAMP(3),
ADD COLUMN     "processedFiles" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "startedAt" TIMESTAMP(3),
ADD COLUMN     "status" "ImportBatchStatus" NOT NULL DEFAULT 'QUEUED',
ADD COLUMN     "totalFiles" INTEGER NOT NULL DEFAULT 0;

-- Every earlier batch was imported synchronously and is complete.
UPDATE "ImportBatch"
SET "status" = 'DONE',
    "totalFiles" = "created" + "updated" + "unchanged" + "failed",
    "processedFiles" = "created" + "updated" + "unchanged" + "failed",
    "startedAt" = "createdAt",
    "finishedAt" = "createdAt";

-- AlterTable
ALTER TABLE "ImportStage" ADD COLUMN     "batchId" TEXT,
ADD COLUMN     "forcePositions" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- CreateIndex
CREATE UNIQUE INDEX "ImportStage_batchId_key" ON "ImportStage"("batchId");

-- AddForeignKey
ALTER TABLE "ImportStage" ADD CONSTRAINT "ImportStage_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ImportBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
