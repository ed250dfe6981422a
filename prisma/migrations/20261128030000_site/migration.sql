-- Addresses of public pages that were taken down: they answer 410 Gone.

-- CreateTable
CREATE TABLE "GoneSlug" (
    "slug" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "goneAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GoneSlug_pkey" PRIMARY KEY ("slug")
);

-- CreateIndex
CREATE INDEX "GoneSlug_articleId_idx" ON "GoneSlug"("articleId");
