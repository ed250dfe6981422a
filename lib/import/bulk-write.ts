import { randomFillSync } from 'node:crypto';
import type pg from 'pg';
import { slugFromTitle } from '@/lib/articles/slug';
import type { RevisionRecommendation, RevisionRegion } from '@/lib/articles/write-revision';
import { bodyPlainText } from '@/lib/content/plain-text';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { regionAncestorCodes } from '@/lib/regions/region-path';
import { documentFieldVectors, searchVectorExpression, type FieldVectors } from '@/lib/search/vector';
import { statusAfterEdit } from '@/lib/workflow/transitions';
import type { PageCandidate } from './analyse-units';
import { decideImport, type ExistingArticle, type ImportDecision } from './decide-import';

// The set-based twin of write-page.ts for large batches of pages: one transaction per chunk, a
// fixed number of statements whatever the chunk's size (multi-row INSERT … SELECT FROM
// json_to_recordset), instead of a dozen round trips per file. It must leave exactly
// the state the per-file path leaves for the same files in the same order; the integration
// test compares the two. Files are still decided one by one, in batch order, against the rows
// the chunk has written so far (slugs, item links), which is what the per-file path sees.

/** One page of the chunk, in batch order, with what the caller decided from its analysis. */
export type BulkPage = {
  position: number;
  fileName: string;
  candidate: PageCandidate;
  force: boolean;
  /** Worked out before the chunk's transaction (see preparePage), while the database is busy with the previous chunk. */
  slugBase: string;
  plainText: string;
  /** The working copy's search vector, one literal per field (lib/search/vector.ts). */
  search: FieldVectors;
};

export function preparePage(position: number, fileName: string, candidate: PageCandidate, force: boolean): BulkPage {
  const { page } = candidate;
  const plainText = bodyPlainText(page.body);
  const search = documentFieldVectors({ title: page.title, summary: page.summary, body: plainText });
  return { position, fileName, candidate, force, slugBase: slugFromTitle(page.title), plainText, search };
}

export type BulkPageOutcome =
  | { position: number; decision: ImportDecision & { action: 'unchanged' | 'fail' } }
  | { position: number; decision: ImportDecision & { action: 'create' | 'update' }; articleId: string };

/** An ImportItem row, written in the chunk's transaction (failed and duplicate files included). */
export type BulkImportItem = {
  position: number;
  fileName: string;
  contentHash: string | null;
  outcome: 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'FAILED';
  articleId: string | null;
  reason: string | null;
  error: string | null;
  title: string | null;
  itemCount: number | null;
  regionCodes: string[];
  warnings: string[];
  forced: boolean;
};

type ExistingRow = ExistingArticle & { title: string; rejectedRegionCodes: string[] };

/**
 * Decides every page against the database (one query for the chunk) and writes the outcome.
 * `itemsFor` turns the outcomes into the chunk's ImportItem rows, so the caller keeps the one
 * place that words results. Throws on any database error; nothing of the chunk is then written.
 */
export async function writePageChunk(
  sql: pg.ClientBase,
  options: {
    batchId: string;
    actorId: string | null;
    pages: BulkPage[];
    itemsFor: (outcomes: BulkPageOutcome[]) => BulkImportItem[];
  },
): Promise<BulkPageOutcome[]> {
  const { pages, actorId } = options;
  await sql.query('BEGIN');
  try {
    // The chunk's lookups are equalities on indexed columns (sourceKey, slug, title). With the
    // statistics lagging behind a fast-growing table, the planner has answered "title = ANY(…)"
    // with a bitmap scan of the trigram index (it supports equality too), taking seconds per
    // chunk; without bitmap scans it keeps to the b-tree and hash indexes.
    await sql.query('SET LOCAL enable_bitmapscan = off');
    const existing = await loadExisting(sql, pages.map((p) => p.candidate.sourceKey));
    const outcomes: BulkPageOutcome[] = [];
    const planned: { page: BulkPage; decision: ImportDecision & { action: 'create' | 'update' } }[] = [];
    for (const page of pages) {
      const decision = decideImport(page.candidate.hash, existing.get(page.candidate.sourceKey) ?? null, { force: page.force });
      if (decision.action === 'create' || decision.action === 'update') planned.push({ page, decision });
      else outcomes.push({ position: page.position, decision });
    }
    const written = planned.length ? await writePlanned(sql, planned, existing, actorId) : new Map<number, string>();
    for (const { page, decision } of planned) outcomes.push({ position: page.position, decision, articleId: written.get(page.position)! });
    outcomes.sort((a, b) => a.position - b.position);
    await insertImportItems(sql, options.batchId, options.itemsFor(outcomes));
    await sql.query('COMMIT');
    return outcomes;
  } catch (error) {
    await sql.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

// Raw `pg` on the app's database rather than Prisma's $executeRaw: a chunk's parameters are
// megabytes of JSON, which the driver sends as they are, without Prisma's per-query
// serialisation (the same statements took about twice as long through $executeRaw here).
type Sql = pg.ClientBase;

async function select<T extends unknown[]>(sql: Sql, text: string, ...params: unknown[]): Promise<T> {
  return (await sql.query(text, params)).rows as T;
}

async function exec(sql: Sql, text: string, ...params: unknown[]): Promise<number> {
  return (await sql.query(text, params)).rowCount ?? 0;
}

async function loadExisting(tx: Sql, sourceKeys: string[]): Promise<Map<string, ExistingRow>> {
  // FOR UPDATE: the decision holds until the chunk commits, as in the per-file transaction.
  const rows = await select<
    { id: string; sourceKey: string; status: ArticleStatus; version: number; importedVersion: number | null; sourceHash: string | null; deletedAt: Date | null; title: string; rejectedRegionCodes: string[] }[]
  >(
    tx,
    `SELECT id, "sourceKey", status, version, "importedVersion", "sourceHash", "deletedAt", title, "rejectedRegionCodes"
       FROM "Article" WHERE "sourceKey" = ANY($1::text[]) FOR UPDATE`,
    sourceKeys,
  );
  return new Map(rows.map((r) => [r.sourceKey, { ...r, matchHash: r.sourceHash, rejectedRegionCodes: r.rejectedRegionCodes ?? [] }]));
}

type ItemRow = { articleId: string; position: number; targetArticleId: string | null; title: string; summary: string; category: string; itemDate: string | null };
type RegionRow = { articleId: string; regionCode: string; provinceCode: string; cityCode: string | null; origin: 'AUTO' | 'MANUAL'; confidence: number };

async function writePlanned(
  tx: Sql,
  planned: { page: BulkPage; decision: ImportDecision & { action: 'create' | 'update' } }[],
  existing: Map<string, ExistingRow>,
  actorId: string | null,
): Promise<Map<number, string>> {
  const creates = planned.filter((p) => p.decision.action === 'create');
  const updates = planned.filter((p) => p.decision.action === 'update');
  const updateRows = updates.map((p) => existing.get(p.page.candidate.sourceKey)!);
  const updateIds = updateRows.map((r) => r.id);

  // One connection: these run one after another.
  const takenSlugs = creates.length ? await loadTakenSlugs(tx, creates.map((p) => p.page.slugBase)) : new Set<string>();
  const titleOwners = await loadTitleOwners(tx, [...new Set(planned.flatMap((p) => p.page.candidate.page.items.map((i) => i.title)))]);
  const manualRegions = updateIds.length ? await loadManualRegions(tx, updateIds) : new Map<string, RegionRow[]>();

  const articleIds = new Map<number, string>();
  const createRows: { id: string; slug: string; page: BulkPage }[] = [];
  const items: ItemRow[] = [];
  const regions: RegionRow[] = [];
  const revisions: RevisionRow[] = [];
  const audits: { entityId: string; summary: object }[] = [];

  // In batch order, as the per-file path writes them: a page's items link to the articles that
  // exist when it is written, and its revision snapshots exactly that.
  for (const { page, decision } of planned) {
    const { candidate } = page;
    const { page: parsed } = candidate;
    let id: string;
    let rejected: string[];
    let manual: RegionRow[] = [];
    if (decision.action === 'create') {
      id = newId();
      rejected = [];
      createRows.push({ id, slug: claimSlug(page.slugBase, takenSlugs), page });
    } else {
      const row = existing.get(candidate.sourceKey)!;
      id = row.id;
      rejected = row.rejectedRegionCodes;
      manual = manualRegions.get(id) ?? [];
      dropOwner(titleOwners, row.title, id);
    }
    addOwner(titleOwners, parsed.title, id);
    articleIds.set(page.position, id);

    const skip = new Set([...manual.map((r) => r.regionCode), ...rejected]);
    const auto = candidate.regions
      .filter((r) => !skip.has(r.code))
      .flatMap((r) => {
        const ancestors = regionAncestorCodes(r.code);
        return ancestors ? [{ articleId: id, regionCode: r.code, ...ancestors, origin: 'AUTO' as const, confidence: r.confidence }] : [];
      });
    regions.push(...auto);

    const pageItems = parsed.items.map((item, position) => ({
      articleId: id,
      position,
      targetArticleId: ownerOf(titleOwners, item.title, id),
      title: item.title,
      summary: item.summary,
      category: item.category,
      itemDate: item.date,
    }));
    items.push(...pageItems);

    const snapshotRegions: RevisionRegion[] = [...manual, ...auto]
      .sort((a, b) => (a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : 0))
      .map((r) => ({ code: r.regionCode, origin: r.origin, confidence: r.confidence }));
    const snapshotItems: RevisionRecommendation[] = pageItems.map((i) => ({ title: i.title, summary: i.summary, category: i.category, itemDate: i.itemDate, targetArticleId: i.targetArticleId }));
    const forced = decision.action === 'update' && decision.forced;
    const note = decision.action === 'create' ? `导入 ${page.fileName}` : forced ? `重新导入 ${page.fileName}（覆盖编辑的修改，按要求导入为新版本）` : `重新导入 ${page.fileName}`;
    revisions.push({ id: newId(), articleId: id, regions: snapshotRegions, items: snapshotItems, note });
    const summary =
      decision.action === 'create'
        ? { outcome: 'created', file: page.fileName }
        : { outcome: 'updated', file: page.fileName, ...(forced ? { forced: true, overwrittenVersion: decision.existing.version } : {}) };
    audits.push({ entityId: id, summary });
  }

  if (createRows.length) await insertArticles(tx, createRows, actorId);
  if (updates.length) await updateArticles(tx, updates, updateRows, actorId);
  await upsertSearchVectors(tx, [...createRows.map((r) => ({ id: r.id, page: r.page })), ...updates.map((u, i) => ({ id: updateRows[i].id, page: u.page }))]);
  if (updateIds.length) {
    await exec(tx, `DELETE FROM "ArticleRegion" WHERE "articleId" = ANY($1::text[]) AND origin = 'AUTO'`, updateIds);
    await exec(tx, `DELETE FROM "RecommendationItem" WHERE "articleId" = ANY($1::text[])`, updateIds);
  }
  await insertItems(tx, items);
  await insertRegions(tx, regions);
  await insertRevisions(tx, revisions, actorId);
  await insertAudits(tx, audits, actorId);
  if (createRows.length) {
    // Items elsewhere (earlier chunks, other batches, earlier pages of this chunk) that name a
    // new page by title now point at it, as createFromPage does; revisions already written
    // keep the list as it was when they were taken, as in the per-file path. "Not linked yet"
    // is written so that no index can serve it: during a large import the statistics lag, and
    // the planner otherwise intersects the title lookup with every unlinked item in the table.
    await exec(
      tx,
      `UPDATE "RecommendationItem" ri SET "targetArticleId" = c.id
         FROM unnest($1::text[], $2::text[]) AS c(title, id)
        WHERE ri.title = c.title AND coalesce(ri."targetArticleId", '') = '' AND ri."articleId" <> c.id`,
      createRows.map((r) => r.page.candidate.page.title),
      createRows.map((r) => r.id),
    );
  }
  return articleIds;
}

/**
 * Every slug a new page of the chunk could collide with: working copies and live pages alike.
 * claimSlug takes a free base before any numbered variant, so the variants (base-2 …, found by a
 * scan of the table) matter only for bases already taken or wanted twice in the chunk; the bases
 * themselves are looked up by index.
 */
async function loadTakenSlugs(tx: Sql, bases: string[]): Promise<Set<string>> {
  const wanted = [...new Set(bases)];
  const taken = await select<{ slug: string }[]>(
    tx,
    `SELECT slug FROM "Article" WHERE slug = ANY($1::text[])
     UNION
     SELECT r.slug FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId" WHERE r.slug = ANY($1::text[])`,
    wanted,
  );
  const slugs = new Set(taken.map((r) => r.slug));
  const repeated = bases.filter((base, i) => bases.indexOf(base) !== i);
  const needVariants = [...new Set([...slugs, ...repeated])];
  if (needVariants.length === 0) return slugs;
  const variants = await select<{ slug: string }[]>(
    tx,
    `SELECT slug FROM "Article" WHERE regexp_replace(slug, '-[0-9]+$', '') = ANY($1::text[])
     UNION
     SELECT r.slug FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId" WHERE regexp_replace(r.slug, '-[0-9]+$', '') = ANY($1::text[])`,
    needVariants,
  );
  for (const row of variants) slugs.add(row.slug);
  return slugs;
}

/** The same sequence as uniqueSlug: base, base-2, base-3 … */
function claimSlug(base: string, taken: Set<string>): string {
  for (let n = 1; n < 1000; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
  throw new Error(`No free slug for ${base}`);
}

// Title → ids of live articles with that title, in the order the database returned them, so a
// title shared by several articles resolves as the per-file path's Map does (the last one).
type TitleOwners = Map<string, string[]>;

async function loadTitleOwners(tx: Sql, titles: string[]): Promise<TitleOwners> {
  const owners: TitleOwners = new Map();
  if (titles.length === 0) return owners;
  const rows = await select<{ id: string; title: string }[]>(tx, `SELECT id, title FROM "Article" WHERE title = ANY($1::text[]) AND "deletedAt" IS NULL`, titles);
  for (const row of rows) addOwner(owners, row.title, row.id);
  return owners;
}

function addOwner(owners: TitleOwners, title: string, id: string) {
  const list = owners.get(title);
  if (list) list.push(id);
  else owners.set(title, [id]);
}

function dropOwner(owners: TitleOwners, title: string, id: string) {
  const list = owners.get(title);
  if (list) owners.set(title, list.filter((x) => x !== id));
}

function ownerOf(owners: TitleOwners, title: string, selfId: string): string | null {
  const list = owners.get(title);
  if (!list) return null;
  for (let i = list.length - 1; i >= 0; i -= 1) if (list[i] !== selfId) return list[i];
  return null;
}

async function loadManualRegions(tx: Sql, articleIds: string[]): Promise<Map<string, RegionRow[]>> {
  const rows = await select<RegionRow[]>(
    tx,
    `SELECT "articleId", "regionCode", "provinceCode", "cityCode", origin::text AS origin, confidence FROM "ArticleRegion" WHERE "articleId" = ANY($1::text[]) AND origin <> 'AUTO'`,
    articleIds,
  );
  const byArticle = new Map<string, RegionRow[]>();
  for (const row of rows) byArticle.set(row.articleId, [...(byArticle.get(row.articleId) ?? []), row]);
  return byArticle;
}

// Each statement takes its rows as one JSON parameter (json_to_recordset): one JSON.stringify
// per statement instead of a PostgreSQL array literal per column, which the driver builds by
// escaping every value, and JSON columns (bodies, snapshots) travel as JSON, not as strings in it.

/** The article columns a page sets, named as the statements' json_to_recordset columns. */
function pageColumns(page: BulkPage) {
  const { candidate } = page;
  return {
    title: candidate.page.title,
    summary: candidate.page.summary,
    body: candidate.page.body,
    plain: page.plainText,
    disclaimer: candidate.page.disclaimer,
    day: candidate.page.contentDate,
    file: page.fileName,
    hash: candidate.hash,
  };
}

async function insertArticles(tx: Sql, rows: { id: string; slug: string; page: BulkPage }[], actorId: string | null) {
  await exec(
    tx,
    `INSERT INTO "Article" (id, slug, "sourceKey", title, summary, body, "plainText", disclaimer, "contentDate", "sourceFile", "sourceHash", "importedVersion", "createdById", "updatedById", "updatedAt")
     SELECT id, slug, key, title, summary, body, plain, disclaimer, day, file, hash, 1, $2, $2, now()
       FROM json_to_recordset($1::json)
         AS t(id text, slug text, key text, title text, summary text, body jsonb, plain text, disclaimer text, day date, file text, hash text)`,
    JSON.stringify(
      rows.map(({ id, slug, page }) => ({ id, slug, key: page.candidate.sourceKey, ...pageColumns(page) })),
    ),
    actorId,
  );
}

async function updateArticles(tx: Sql, updates: { page: BulkPage }[], rows: ExistingRow[], actorId: string | null) {
  const count = await exec(
    tx,
    `UPDATE "Article" a SET title = t.title, summary = t.summary, body = t.body, "plainText" = t.plain, disclaimer = t.disclaimer,
            "contentDate" = t.day, "sourceFile" = t.file, "sourceHash" = t.hash, status = t.status::"ArticleStatus",
            version = a.version + 1, "importedVersion" = t.version + 1, "updatedById" = $2, "updatedAt" = now()
       FROM json_to_recordset($1::json)
         AS t(id text, version int, title text, summary text, body jsonb, plain text, disclaimer text, day date, file text, hash text, status text)
      WHERE a.id = t.id AND a.version = t.version AND a."deletedAt" IS NULL`,
    JSON.stringify(
      updates.map(({ page }, i) => ({ id: rows[i].id, version: rows[i].version, status: statusAfterEdit(rows[i].status), ...pageColumns(page) })),
    ),
    actorId,
  );
  // The rows are locked since the decision; a mismatch means a bug, and the chunk falls back.
  if (count !== rows.length) throw new Error(`bulk import: updated ${count} of ${rows.length} articles`);
}

/** The working copies' search vectors, computed per page before the transaction (preparePage). */
async function upsertSearchVectors(tx: Sql, rows: { id: string; page: BulkPage }[]) {
  if (rows.length === 0) return;
  await exec(
    tx,
    `INSERT INTO "ArticleSearch" ("articleId", vector)
     SELECT id, ${searchVectorExpression('t.title', 't.summary', 't.body')}
       FROM json_to_recordset($1::json) AS t(id text, title text, summary text, body text)
     ON CONFLICT ("articleId") DO UPDATE SET vector = EXCLUDED.vector`,
    JSON.stringify(rows.map(({ id, page }) => ({ id, ...page.search }))),
  );
}

async function insertItems(tx: Sql, rows: ItemRow[]) {
  if (rows.length === 0) return;
  await exec(
    tx,
    `INSERT INTO "RecommendationItem" ("articleId", position, "targetArticleId", title, summary, category, "itemDate")
     SELECT "articleId", position, "targetArticleId", title, summary, category, "itemDate"
       FROM json_to_recordset($1::json)
         AS t("articleId" text, position int, "targetArticleId" text, title text, summary text, category text, "itemDate" date)`,
    JSON.stringify(rows),
  );
}

async function insertRegions(tx: Sql, rows: RegionRow[]) {
  if (rows.length === 0) return;
  await exec(
    tx,
    `INSERT INTO "ArticleRegion" ("articleId", "regionCode", "provinceCode", "cityCode", origin, confidence)
     SELECT "articleId", "regionCode", "provinceCode", "cityCode", origin::"RegionOrigin", confidence
       FROM json_to_recordset($1::json)
         AS t("articleId" text, "regionCode" text, "provinceCode" text, "cityCode" text, origin text, confidence float8)`,
    JSON.stringify(rows),
  );
}

type RevisionRow = { id: string; articleId: string; regions: RevisionRegion[]; items: RevisionRecommendation[]; note: string };

/**
 * Snapshots the articles as they now stand in the transaction, as writeRevision does: the
 * article's own columns are copied inside the database (no second round of the JSON bodies),
 * the region and item lists come from what this chunk has just written.
 */
async function insertRevisions(tx: Sql, rows: RevisionRow[], actorId: string | null) {
  await exec(
    tx,
    `INSERT INTO "Revision" (id, "articleId", "articleVersion", title, slug, summary, body, "plainText", disclaimer, category, "contentDate", regions, recommendations, note, "authorId")
     SELECT t.id, a.id, a.version, a.title, a.slug, a.summary, a.body, a."plainText", a.disclaimer, a.category, a."contentDate", t.regions, t.items, t.note, $2
       FROM json_to_recordset($1::json) AS t(id text, "articleId" text, regions jsonb, items jsonb, note text)
       JOIN "Article" a ON a.id = t."articleId"`,
    JSON.stringify(rows),
    actorId,
  );
}

async function insertAudits(tx: Sql, rows: { entityId: string; summary: object }[], actorId: string | null) {
  await exec(
    tx,
    `INSERT INTO "AuditEvent" ("actorId", action, "entityType", "entityId", summary)
     SELECT $2, 'article.import', 'Article', "entityId", summary FROM json_to_recordset($1::json) AS t("entityId" text, summary jsonb)`,
    JSON.stringify(rows),
    actorId,
  );
}

async function insertImportItems(tx: Sql, batchId: string, rows: BulkImportItem[]) {
  if (rows.length === 0) return;
  await exec(
    tx,
    `INSERT INTO "ImportItem" (id, "batchId", position, "fileName", "contentHash", outcome, "articleId", reason, error, title, "itemCount", "regionCodes", warnings, forced)
     SELECT id, $2, position, "fileName", "contentHash", outcome::"ImportOutcome", "articleId", reason, error, title, "itemCount", "regionCodes", warnings, forced
       FROM json_to_recordset($1::json)
         AS t(id text, position int, "fileName" text, "contentHash" text, outcome text, "articleId" text, reason text, error text, title text, "itemCount" int, "regionCodes" text[], warnings text[], forced bool)`,
    JSON.stringify(rows.map((row) => ({ id: newId(), ...row }))),
    batchId,
  );
}

let counter = 0;
// Random bytes drawn a few thousand at a time: one randomBytes call per id cost more than the
// rest of the id put together.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

/**
 * Ids in the shape Prisma's cuid() gives (a `c`, then lowercase base-36), made here because raw
 * inserts bypass the client that would otherwise generate them.
 */
export function newId(): string {
  counter = (counter + 1) % 1_679_616;
  if (poolOffset + 8 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const high = pool.readUInt32BE(poolOffset);
  const low = pool.readUInt32BE(poolOffset + 4);
  poolOffset += 8;
  const time = Date.now().toString(36).padStart(8, '0');
  const count = counter.toString(36).padStart(4, '0');
  const random = (high.toString(36).padStart(7, '0') + low.toString(36).padStart(7, '0')).slice(0, 12);
  return `c${time}${count}${random}`;
}
