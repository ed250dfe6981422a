import type pg from 'pg';
import { buildRegionRows } from '@/lib/regions/region-data';
import { regionAncestorCodes } from '@/lib/regions/region-path';
import { fieldVectorLiteral } from '@/lib/search/vector';

// Synthetic articles for the benchmarks, written with set-based SQL (INSERT … SELECT over
// generate_series) so that 100,000 articles and their region tags take seconds, not minutes.
// The admin table's benchmark needs the working copies only; the public site's also asks for
// recommendation lists and the published revisions the public pages read.
// The database must be migrated and hold the region table.

export type GenerateOptions = {
  count: number;
  /** Articles' contentDates fall in the `years` before `today`. */
  years?: number;
  today?: string;
  seed?: number;
  /** Every article is live (published, none in the trash) instead of a mix of workflow states. */
  allPublished?: boolean;
  /** Recommendation items per article; about a quarter point at another generated article. */
  recommendations?: number;
  /**
   * Published articles get what publishing writes: a revision snapshotting the article, its
   * regions and recommendations, `publishedRevisionId`, and PublishedArticleRegion rows.
   */
  publishedRevisions?: boolean;
};

export type GenerateResult = { articles: number; regionTags: number; users: number; recommendationItems: number; publishedRevisions: number };

// Everyday questions of the site, combined with a region and a year into titles such as
// "2025年广州城乡居民医保缴费标准是多少".
const topics = [
  '城乡居民医保缴费标准是多少',
  '职工医保报销比例',
  '异地就医备案怎么办理',
  '门诊慢特病待遇申请流程',
  '生育保险报销条件',
  '医保卡丢失如何补办',
  '灵活就业人员医保怎么交',
  '新生儿参保登记流程',
  '大病保险起付线和报销比例',
  '医保个人账户可以用在哪些地方',
  '住院报销需要哪些材料',
  '医保断缴有什么影响',
  '退休人员医保待遇',
  '长期护理保险申请条件',
  '医保电子凭证如何激活',
  '门诊共济保障政策解读',
  '外地就医报销比例',
  '医保定点医院查询方法',
  '特殊药品报销目录',
  '医疗救助申请条件',
  '学生医保缴费时间',
  '治疗糖尿病的权威医院',
  '居民医保和职工医保的区别',
  '跨省直接结算开通了吗',
];

const BODY_POOL = 5000;

const suffixes = ['', '？', '（最新政策）', '一览', '，看这一篇就够了'];

// Body sentences, drawn at random: the bodies come out at the size of real imported pages
// (2–8 KB of ProseMirror JSON), so the table's rows are as wide as in production.
const sentences = [
  '城乡居民基本医疗保险按年度缴费，缴费期一般为每年九月至十二月。',
  '参保人员在定点医疗机构住院发生的政策范围内费用，按规定比例由统筹基金支付。',
  '灵活就业人员可以在户籍地或居住地参加职工医保，也可以选择参加居民医保。',
  '异地长期居住人员应先办理备案手续，再到备案地的定点医院就医结算。',
  '门诊慢特病需要经过定点医院鉴定，通过后才能享受相应的门诊待遇。',
  '新生儿出生后九十天内参保的，自出生之日起享受医保待遇。',
  '医保个人账户可以支付本人及其配偶、父母、子女在定点医疗机构发生的费用。',
  '大病保险对基本医保报销后个人负担超过起付线的部分给予再次报销。',
  '医疗救助对象包括特困人员、低保对象和返贫致贫人口等困难群众。',
  '办理业务时请携带身份证、医保电子凭证以及相关的诊断证明材料。',
  '医保断缴后重新参保的，一般需要经过一定的等待期才能享受待遇。',
  '职工医保退休人员达到规定缴费年限的，退休后不再缴纳基本医疗保险费。',
  '跨省直接结算已经覆盖全国所有统筹地区，参保人可在线上查询定点机构。',
  '长期护理保险主要为长期失能人员的基本生活照料和医疗护理提供保障。',
  '政策范围内的药品以国家医保药品目录为准，目录外药品需个人自付。',
  '各地的起付标准和支付比例不完全相同，具体以当地医保部门公布的为准。',
  '参保人可以通过国家医保服务平台应用程序查询缴费记录和报销明细。',
  '生育医疗费用按规定纳入医保支付范围，符合条件的还可以领取生育津贴。',
  '外伤住院需要提供受伤经过的说明，属于第三方责任的医保不予支付。',
  '学生和儿童一般在学校或所在社区统一办理参保登记和缴费手续。',
];

// Cumulative weights: most pages of a mature site are live, a minority is somewhere in the workflow.
const statusWeights: [status: string, upTo: number][] = [
  ['PUBLISHED', 0.6],
  ['DRAFT', 0.78],
  ['IN_REVIEW', 0.85],
  ['CHANGES_REQUESTED', 0.89],
  ['APPROVED', 0.93],
  ['ARCHIVED', 1],
];

function sqlText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function sqlTextArray(values: readonly string[]): string {
  return `ARRAY[${values.map(sqlText).join(',')}]::text[]`;
}

/** Writes `count` articles with 0–3 region tags each, then ANALYZEs the tables. */
export async function generateArticles(client: pg.Client, options: GenerateOptions): Promise<GenerateResult> {
  const {
    count,
    years = 3,
    today = new Date().toISOString().slice(0, 10),
    seed = 0.42,
    allPublished = false,
    recommendations = 0,
    publishedRevisions = false,
  } = options;
  const regions = buildRegionRows().flatMap((row) => {
    const ancestors = regionAncestorCodes(row.code);
    return ancestors ? [{ ...row, ...ancestors }] : [];
  });
  // allPublished keeps the random draws (so the rest of the data set is the seed's) and ignores them.
  const statusCase = allPublished
    ? `'PUBLISHED'::"ArticleStatus"`
    : `CASE ${statusWeights.map(([status, upTo]) => `WHEN g.r_status < ${upTo} THEN '${status}'`).join(' ')} END::"ArticleStatus"`;

  await client.query('BEGIN');
  try {
    // Reproducible runs: the same seed gives the same data set.
    await client.query('SELECT setseed($1)', [seed]);
    await client.query(`
      INSERT INTO "User" (id, email, name, "passwordHash", role, "updatedAt")
      SELECT 'bench-user-' || n, 'bench' || n || '@bench.local', '编辑' || n, 'not-a-password-hash', 'EDITOR', now()
      FROM generate_series(1, 5) n`);

    // Regions numbered per level, so a random pick is one indexed equality.
    await client.query(
      `
      CREATE TEMP TABLE gen_region ON COMMIT DROP AS
      SELECT r.level, (row_number() OVER (PARTITION BY r.level ORDER BY r.code))::int AS idx,
             r.code, r.province_code, r.city_code, r.short_name
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS r(code, level, province_code, city_code, short_name)`,
      [
        regions.map((r) => r.code),
        regions.map((r) => r.level),
        regions.map((r) => r.provinceCode),
        regions.map((r) => r.cityCode),
        regions.map((r) => r.shortName),
      ],
    );
    await client.query('CREATE INDEX ON gen_region (level, idx)');
    const { rows: levelCounts } = await client.query<{ level: string; n: number }>('SELECT level, count(*)::int AS n FROM gen_region GROUP BY level');
    const levelCount = Object.fromEntries(levelCounts.map((r) => [r.level, r.n]));

    // One row per article with its random choices; region picks are 35% province, 40% city, 25% county.
    const pick = (name: string) => `random() AS ${name}_l, random() AS ${name}_r`;
    await client.query(
      `
      CREATE TEMP TABLE gen ON COMMIT DROP AS
      SELECT n,
             'bench' || to_char(n, 'FM00000000') AS id,
             random() AS r_status,
             random() AS r_deleted,
             CASE WHEN random() < 0.03 THEN NULL
                  ELSE ($1::date - (floor(random() * 365 * $2::int))::int) END AS content_date,
             random() AS r_tags,
             (1 + floor(random() * ${topics.length}))::int AS topic,
             (1 + floor(random() * ${suffixes.length}))::int AS suffix,
             (1 + floor(random() * 5))::int AS editor,
             (1 + floor(random() * ${BODY_POOL}))::int AS body,
             (floor(random() * 86400 * 60))::int AS edit_lag,
             ${pick('p1')}, ${pick('p2')}, ${pick('p3')}
      FROM generate_series(1, $3::int) n`,
      [today, years, count],
    );
    // 10% of the articles carry no region, 45% one, 30% two, 15% three.
    await client.query(`
      ALTER TABLE gen ADD COLUMN tag_count int, ADD COLUMN p1_level text, ADD COLUMN p2_level text, ADD COLUMN p3_level text`);
    const level = (name: string) => `CASE WHEN ${name}_l < 0.35 THEN 'PROVINCE' WHEN ${name}_l < 0.75 THEN 'CITY' ELSE 'COUNTY' END`;
    await client.query(`
      UPDATE gen SET tag_count = CASE WHEN r_tags < 0.1 THEN 0 WHEN r_tags < 0.55 THEN 1 WHEN r_tags < 0.85 THEN 2 ELSE 3 END,
                     p1_level = ${level('p1')}, p2_level = ${level('p2')}, p3_level = ${level('p3')}`);
    // A pool of bodies, each 4–10 paragraphs of 2–7 random sentences, shared out at random:
    // building one body per article would be most of the generation time.
    await client.query(`
      CREATE TEMP TABLE gen_body ON COMMIT DROP AS
      SELECT n AS idx, string_agg(p.text, '' ORDER BY p.k) AS plain,
             jsonb_agg(jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', p.text))) ORDER BY p.k) AS paragraphs
      FROM generate_series(1, ${BODY_POOL}) n
      CROSS JOIN LATERAL (
        SELECT k, (SELECT string_agg((${sqlTextArray(sentences)})[1 + floor(random() * ${sentences.length})::int], '')
                   FROM generate_series(1, 2 + (random() * 5)::int + n * 0)) AS text
        FROM generate_series(1, 4 + (random() * 6)::int + n * 0) k
      ) p
      GROUP BY n`);
    await client.query('CREATE INDEX ON gen_body (idx)');

    const regionJoin = (name: string) => `
      JOIN gen_region ${name} ON ${name}.level = g.${name}_level
       AND ${name}.idx = 1 + floor(g.${name}_r * CASE g.${name}_level WHEN 'PROVINCE' THEN ${levelCount.PROVINCE} WHEN 'CITY' THEN ${levelCount.CITY} ELSE ${levelCount.COUNTY} END)::int`;

    const { rowCount: articles } = await client.query(
      `
      INSERT INTO "Article" (id, slug, title, summary, body, "plainText", disclaimer, category, status, "contentDate", "publishedAt", version,
                             "sourceKey", "sourceFile", "sourceHash", "importedVersion",
                             "createdById", "updatedById", "createdAt", "updatedAt", "deletedAt")
      SELECT g.id,
             'bench-' || g.n || '-' || substr(md5(g.id), 1, 6),
             t.title,
             left(b.plain, 100),
             jsonb_build_object('type', 'doc', 'content', b.paragraphs),
             b.plain,
             '提示：本内容不能代替面诊，如有不适请尽快就医。',
             '健康新闻',
             ${statusCase},
             g.content_date,
             CASE WHEN ${allPublished} OR g.r_status < 0.6 OR g.r_status >= 0.93 THEN t.stamp + interval '1 hour' END,
             1 + g.topic % 5,
             md5(g.id || 'key') || md5(g.id || 'title'),
             g.id || '_' || substr(md5(g.id), 1, 16) || '.txt',
             md5(g.id || 'hash') || md5(g.id || 'body'),
             1,
             'bench-user-' || g.editor,
             'bench-user-' || (1 + (g.editor + g.n) % 5),
             t.stamp,
             t.updated,
             CASE WHEN NOT ${allPublished} AND g.r_deleted < 0.02 THEN t.updated END
      FROM gen g
      ${regionJoin('p1')}
      CROSS JOIN LATERAL (
        SELECT coalesce(extract(year FROM g.content_date)::int, 2024) || '年'
                 || CASE WHEN g.tag_count > 0 THEN p1.short_name ELSE '' END
                 || (${sqlTextArray(topics)})[g.topic]
                 || (${sqlTextArray(suffixes)})[g.suffix] AS title,
               s.stamp,
               least(s.stamp + make_interval(secs => g.edit_lag), $1::date::timestamp) AS updated
        FROM (SELECT coalesce(g.content_date, $1::date - 30)::timestamp - make_interval(secs => g.edit_lag / 7) AS stamp) s
      ) t
      JOIN gen_body b ON b.idx = g.body`,
      [today],
    );

    // The title's region is the first tag; two more tags may follow. A repeated pick is one tag.
    const { rowCount: regionTags } = await client.query(`
      INSERT INTO "ArticleRegion" ("articleId", "regionCode", "provinceCode", "cityCode", origin, confidence)
      SELECT g.id, r.code, r.province_code, r.city_code,
             CASE WHEN k.k = 1 THEN 'AUTO' ELSE 'MANUAL' END::"RegionOrigin",
             CASE WHEN k.k = 1 THEN 0.9 ELSE 1 END
      FROM gen g
      ${regionJoin('p1')}
      ${regionJoin('p2')}
      ${regionJoin('p3')}
      CROSS JOIN LATERAL (VALUES (1, p1.code), (2, p2.code), (3, p3.code)) AS k(k, code)
      JOIN gen_region r ON r.code = k.code
      WHERE k.k <= g.tag_count
      ON CONFLICT DO NOTHING`);

    await generateSearchVectors(client);
    const recommendationItems = recommendations > 0 ? await generateRecommendations(client, count, recommendations) : 0;
    const revisions = publishedRevisions ? await generatePublishedRevisions(client) : 0;
    if (publishedRevisions) await generateLiveSearchVectors(client);
    await client.query('COMMIT');
    // What autovacuum does on a live database: statistics for the planner, a visibility map for index-only scans.
    await client.query('VACUUM ANALYZE');
    return { articles: articles ?? 0, regionTags: regionTags ?? 0, users: 5, recommendationItems, publishedRevisions: revisions };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * `perArticle` items for every generated article, as an import writes them: about a quarter
 * point at another article (its title and summary, the link the page renders), the rest are
 * external reading with a title of their own.
 */
async function generateRecommendations(client: pg.Client, count: number, perArticle: number): Promise<number> {
  await client.query(
    `
    CREATE TEMP TABLE gen_item ON COMMIT DROP AS
    SELECT g.n, g.id, k AS position, random() < 0.25 AS internal,
           (1 + floor(random() * $1::int))::int AS target_n,
           (1 + floor(random() * ${topics.length}))::int AS topic
    FROM gen g CROSS JOIN generate_series(0, $2::int - 1) k`,
    [count, perArticle],
  );
  const { rowCount } = await client.query(`
    INSERT INTO "RecommendationItem" ("articleId", position, "targetArticleId", title, summary, category, "itemDate")
    SELECT i.id, i.position, t.id,
           coalesce(t.title, '相关阅读：' || (${sqlTextArray(topics)})[i.topic]),
           coalesce(t.summary, ''),
           '医保问答',
           t."contentDate"
    FROM gen_item i
    LEFT JOIN "Article" t ON i.internal AND i.target_n <> i.n AND t.id = 'bench' || to_char(i.target_n, 'FM00000000') AND t."deletedAt" IS NULL`);
  return rowCount ?? 0;
}

/**
 * What publishArticle leaves behind, for every generated article that is published and not in
 * the trash: a revision with the snapshot lib/articles/write-revision.ts takes (regions by code,
 * items by position), the article pointing at it, and its regions copied to PublishedArticleRegion.
 */
async function generatePublishedRevisions(client: pg.Client): Promise<number> {
  const { rowCount } = await client.query(`
    INSERT INTO "Revision" (id, "articleId", "articleVersion", title, slug, summary, body, "plainText", disclaimer, category, "contentDate",
                            regions, recommendations, "authorId", note, "createdAt")
    SELECT 'rev-' || a.id, a.id, a.version, a.title, a.slug, a.summary, a.body, a."plainText", a.disclaimer, a.category, a."contentDate",
           coalesce((SELECT jsonb_agg(jsonb_build_object('code', r."regionCode", 'origin', r.origin::text, 'confidence', r.confidence) ORDER BY r."regionCode")
                     FROM "ArticleRegion" r WHERE r."articleId" = a.id), '[]'::jsonb),
           coalesce((SELECT jsonb_agg(jsonb_build_object('title', i.title, 'summary', i.summary, 'category', i.category,
                                                         'itemDate', to_char(i."itemDate", 'YYYY-MM-DD'), 'targetArticleId', i."targetArticleId") ORDER BY i.position)
                     FROM "RecommendationItem" i WHERE i."articleId" = a.id), '[]'::jsonb),
           a."updatedById", '发布', least(a."updatedAt", a."publishedAt")
    FROM "Article" a
    WHERE a.id IN (SELECT id FROM gen) AND a.status = 'PUBLISHED' AND a."deletedAt" IS NULL`);
  await client.query(`
    UPDATE "Article" a SET "publishedRevisionId" = r.id, "liveSlug" = r.slug
    FROM "Revision" r WHERE r.id = 'rev-' || a.id AND a.id IN (SELECT id FROM gen)`);
  await client.query(`
    INSERT INTO "PublishedArticleRegion" ("articleId", "regionCode", "provinceCode", "cityCode")
    SELECT r."articleId", r."regionCode", r."provinceCode", r."cityCode"
    FROM "ArticleRegion" r JOIN "Article" a ON a.id = r."articleId"
    WHERE a."publishedRevisionId" IS NOT NULL AND a.id IN (SELECT id FROM gen)`);
  return rowCount ?? 0;
}

/**
 * The working copies' search vectors, from the app's own tokeniser (lib/search): bodies and
 * summaries come from the pool of GEN bodies and titles repeat, so each distinct text is
 * segmented once in this process and the vectors are assembled in SQL.
 */
async function generateSearchVectors(client: pg.Client): Promise<void> {
  const { rows: bodies } = await client.query<{ idx: number; plain: string }>('SELECT idx, plain FROM gen_body');
  // Weighted once per distinct text (as searchVectorSql weighs them), joined per article.
  await client.query(
    `CREATE TEMP TABLE gen_body_vector ON COMMIT DROP AS
     SELECT idx, setweight(summary::tsvector, 'B') || setweight(body::tsvector, 'C') AS vector
     FROM json_to_recordset($1::json) AS t(idx int, summary text, body text)`,
    [
      JSON.stringify(
        bodies.map((b) => ({ idx: b.idx, summary: fieldVectorLiteral(b.plain.slice(0, 100), 'text'), body: fieldVectorLiteral(b.plain, 'text') })),
      ),
    ],
  );
  await client.query('CREATE INDEX ON gen_body_vector (idx)');
  const { rows: titles } = await client.query<{ title: string }>('SELECT DISTINCT a.title FROM "Article" a JOIN gen g ON g.id = a.id');
  await client.query(
    `CREATE TEMP TABLE gen_title_vector ON COMMIT DROP AS
     SELECT title, setweight(vector::tsvector, 'A') AS vector FROM json_to_recordset($1::json) AS t(title text, vector text)`,
    [JSON.stringify(titles.map((t) => ({ title: t.title, vector: fieldVectorLiteral(t.title, 'title') })))],
  );
  await client.query('CREATE INDEX ON gen_title_vector (title)');
  // Filling the table and then building its GIN index is several times faster than growing the index row by row.
  await client.query('DROP INDEX "ArticleSearch_vector_idx"');
  await client.query(`
    INSERT INTO "ArticleSearch" ("articleId", vector)
    SELECT g.id, tv.vector || bv.vector
    FROM gen g JOIN "Article" a ON a.id = g.id
    JOIN gen_title_vector tv ON tv.title = a.title
    JOIN gen_body_vector bv ON bv.idx = g.body`);
  await client.query('CREATE INDEX "ArticleSearch_vector_idx" ON "ArticleSearch" USING GIN ("vector")');
}

/** Live articles' vectors: their published revision is their working copy here. */
async function generateLiveSearchVectors(client: pg.Client): Promise<void> {
  await client.query('DROP INDEX "PublishedArticleSearch_vector_idx"');
  await client.query(`
    INSERT INTO "PublishedArticleSearch" ("articleId", "publishedAt", vector, "titleVector")
    SELECT a.id, a."publishedAt", s.vector, tv.vector
    FROM "Article" a JOIN "ArticleSearch" s ON s."articleId" = a.id JOIN gen_title_vector tv ON tv.title = a.title
    WHERE a."publishedRevisionId" IS NOT NULL AND a."deletedAt" IS NULL AND a.id IN (SELECT id FROM gen)`);
  await client.query('CREATE INDEX "PublishedArticleSearch_vector_idx" ON "PublishedArticleSearch" USING GIN ("vector")');
}
