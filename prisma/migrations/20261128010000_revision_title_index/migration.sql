-- A public page links an unlinked recommendation to the live article of that title.

-- CreateIndex
CREATE INDEX "Revision_title_idx" ON "Revision" USING HASH ("title");
