-- Chinese full-text search: app-segmented tsvectors (lib/search) for the working copy and the
-- live version, and admin-edited synonym groups. Existing articles get their vectors from
-- lib/search/backfill.ts, which `prepareDatabase` runs after the migrations.

-- CreateTable
CREATE TABLE "ArticleSearch" (
    "articleId" TEXT NOT NULL,
    "vector" tsvector NOT NULL,

    CONSTRAINT "ArticleSearch_pkey" PRIMARY KEY ("articleId")
);

-- CreateTable
CREATE TABLE "PublishedArticleSearch" (
    "articleId" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "vector" tsvector NOT NULL,
    "titleVector" tsvector NOT NULL,

    CONSTRAINT "PublishedArticleSearch_pkey" PRIMARY KEY ("articleId")
);

-- CreateTable
CREATE TABLE "SynonymGroup" (
    "id" TEXT NOT NULL,
    "terms" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SynonymGroup_pkey" PRIMARY KEY ("id")
);

-- The large vectors live out of line, uncompressed: a search's bitmap scan then reads narrow rows
-- (id, date, head vector), and the index never needs the vector itself (plain queries need no
-- recheck). The title vector, which ranking reads for each candidate, stays in the row.
ALTER TABLE "ArticleSearch" ALTER COLUMN "vector" SET STORAGE EXTERNAL, SET (toast_tuple_target = 128);
ALTER TABLE "PublishedArticleSearch" ALTER COLUMN "vector" SET STORAGE EXTERNAL, ALTER COLUMN "titleVector" SET STORAGE MAIN, SET (toast_tuple_target = 128);

-- CreateIndex
CREATE INDEX "ArticleSearch_vector_idx" ON "ArticleSearch" USING GIN ("vector");

-- CreateIndex
CREATE INDEX "PublishedArticleSearch_vector_idx" ON "PublishedArticleSearch" USING GIN ("vector");

-- CreateIndex
CREATE INDEX "PublishedArticleSearch_publishedAt_articleId_idx" ON "PublishedArticleSearch"("publishedAt", "articleId");

-- AddForeignKey
ALTER TABLE "ArticleSearch" ADD CONSTRAINT "ArticleSearch_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublishedArticleSearch" ADD CONSTRAINT "PublishedArticleSearch_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A starter set of synonym groups (editable at /admin/settings/synonyms).
INSERT INTO "SynonymGroup" ("id", "terms", "updatedAt") VALUES
  ('syn-start-01', ARRAY['居民医保', '城乡居民基本医疗保险', '城乡居民医保'], CURRENT_TIMESTAMP),
  ('syn-start-02', ARRAY['职工医保', '城镇职工基本医疗保险', '职工基本医疗保险'], CURRENT_TIMESTAMP),
  ('syn-start-03', ARRAY['异地就医', '跨省就医', '跨省异地就医'], CURRENT_TIMESTAMP),
  ('syn-start-04', ARRAY['门慢', '门诊慢特病', '门诊慢性病', '慢特病'], CURRENT_TIMESTAMP),
  ('syn-start-05', ARRAY['大病医保', '大病保险'], CURRENT_TIMESTAMP),
  ('syn-start-06', ARRAY['医保', '医疗保险', '基本医疗保险'], CURRENT_TIMESTAMP),
  ('syn-start-07', ARRAY['断缴', '断保', '停保'], CURRENT_TIMESTAMP),
  ('syn-start-08', ARRAY['起付线', '起付标准'], CURRENT_TIMESTAMP),
  ('syn-start-09', ARRAY['报销比例', '支付比例'], CURRENT_TIMESTAMP),
  ('syn-start-10', ARRAY['医保卡', '社保卡'], CURRENT_TIMESTAMP),
  ('syn-start-11', ARRAY['医保电子凭证', '医保码'], CURRENT_TIMESTAMP),
  ('syn-start-12', ARRAY['长护险', '长期护理保险'], CURRENT_TIMESTAMP),
  ('syn-start-13', ARRAY['生育保险', '生育险'], CURRENT_TIMESTAMP),
  ('syn-start-14', ARRAY['灵活就业', '自由职业'], CURRENT_TIMESTAMP),
  ('syn-start-15', ARRAY['直接结算', '直接报销'], CURRENT_TIMESTAMP),
  ('syn-start-16', ARRAY['定点医院', '定点医疗机构'], CURRENT_TIMESTAMP);
