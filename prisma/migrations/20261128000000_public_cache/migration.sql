-- The public pages' cache: a slug history for permanent redirects after a rename, and the change
-- feed through which every server process learns which cached pages a change expires.

-- CreateTable
CREATE TABLE "SlugRedirect" (
    "slug" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlugRedirect_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "PublicChange" (
    "id" BIGSERIAL NOT NULL,
    "tags" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublicChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SlugRedirect_articleId_idx" ON "SlugRedirect"("articleId");

-- CreateIndex
CREATE INDEX "PublicChange_createdAt_idx" ON "PublicChange"("createdAt");

-- AddForeignKey
ALTER TABLE "SlugRedirect" ADD CONSTRAINT "SlugRedirect_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
