-- AlterTable
ALTER TABLE "ImportBatch" ADD COLUMN     "normalizePunctuation" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "ImportItem" ADD COLUMN     "forced" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "itemCount" INTEGER,
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "regionCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "title" TEXT,
ADD COLUMN     "warnings" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "ImportStage" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "normalizePunctuation" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportStage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportStageFile" (
    "id" TEXT NOT NULL,
    "stageId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "ImportStageFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportStage_expiresAt_idx" ON "ImportStage"("expiresAt");

-- CreateIndex
CREATE INDEX "ImportStageFile_stageId_position_idx" ON "ImportStageFile"("stageId", "position");

-- AddForeignKey
ALTER TABLE "ImportStageFile" ADD CONSTRAINT "ImportStageFile_stageId_fkey" FOREIGN KEY ("stageId") REFERENCES "ImportStage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
