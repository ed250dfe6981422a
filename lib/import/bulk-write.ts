import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { slugFromTitle } from '@/lib/articles/slug';
import type { RevisionRecommendation, RevisionRegion } from '@/lib/articles/write-revision';
import { bodyPlainText } from '@/lib/content/plain-text';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { regionAncestorCodes } from '@/lib/regions/region-path';
import { statusAfterEdit } from '@/lib/workflow/transitions';
import type { PageCandidate } from './analyse-units';
import { decideImport, type ExistingArticle, type ImportDecision } from './decide-import';

// The set-based twin of write-page.ts for large batches of pages: one transaction per chunk, a
// fixed number of statements whatever the chunk's size (multi-row INSERT … SELECT FROM unnest
// with typed array parameters), instead of a dozen round trips per file. It must leave exactly
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
  bodyJson: string;
  plainText: string;
};

export function preparePage(position: number, fileName: string, candidate: PageCandidate, force: boolean): BulkPage {
  const { page } = candidate;
  return { position, fileName, candidate, force, slugBase: slugFromTitle(page.title), bodyJson: JSON.stringify(page.body), plainText: bodyPlainText(page.body) };
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

// Raw `pg` on the app's database rather than Prisma's $executeRaw: the chunk's parameters are
// tens of thousands of values, which the driver sends as they are, without Prisma's per-query
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

type ItemRow = { id: string; articleId: string; position: number; targetArticleId: string | null; title: string; summary: string; category: string; itemDate: string | null };
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
  const audits: { entityId: string; summary: string }[] = [];

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
      id: newId(),
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
    revisions.push({ id: newId(), articleId: id, regions: JSON.stringify(snapshotRegions), items: JSON.stringify(snapshotItems), note });
    const summary =
      decision.action === 'create'
        ? { outcome: 'created', file: page.fileName }
        : { outcome: 'updated', file: page.fileName, ...(forced ? { forced: true, overwrittenVersion: decision.existing.version } : {}) };
    audits.push({ entityId: id, summary: JSON.stringify(summary) });
  }

  if (createRows.length) await insertArticles(tx, createRows, actorId);
  if (updates.length) await updateArticles(tx, updates, updateRows, actorId);
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
    // keep the list as it was when they were taken, as in the per-file path.
    await exec(
    tx,
      `UPDATE "RecommendationItem" ri SET "targetArticleId" = c.id
         FROM unnest($1::text[], $2::text[]) AS c(title, id)
        WHERE ri.title = c.title AND ri."targetArticleId" IS NULL AND ri."articleId" <> c.id`,
      createRows.map((r) => r.page.candidate.page.title),
      createRows.map((r) => r.id),
    );
  }
  return articleIds;
}

/** Every slug a new page of the chunk could collide with: working copies and live pages alike. */
async function loadTakenSlugs(tx: Sql, bases: string[]): Promise<Set<string>> {
  const wanted = [...new Set(bases)];
  const rows = await select<{ slug: string }[]>(
    tx,
    `SELECT slug FROM "Article" WHERE slug = ANY($1::text[]) OR regexp_replace(slug, '-[0-9]+$', '') = ANY($1::text[])
     UNION
     SELECT r.slug FROM "Article" a JOIN "Revision" r ON r.id = a."publishedRevisionId"
      WHERE r.slug = ANY($1::text[]) OR regexp_replace(r.slug, '-[0-9]+$', '') = ANY($1::text[])`,
    wanted,
  );
  return new Set(rows.map((r) => r.slug));
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
  const rows = await select<{ id: string; title: string }[]>(
tx,
`SELECT id, title FROM "Article" WHERE title = ANY($1::text[]) AND "deletedAt" IS NULL`, titles);
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

async function insertArticles(tx: Sql, rows: { id: string; slug: string; page: BulkPage }[], actorId: string | null) {
  const col = <T>(f: (r: { id: string; slug: string; page: BulkPage }) => T) => rows.map(f);
  await exec(
    tx,
    `INSERT INTO "Article" (id, slug, "sourceKey", title, summary, body, "plainText", disclaimer, "contentDate", "sourceFile", "sourceHash", "importedVersion", "createdById", "updatedById", "updatedAt")
     SELECT id, slug, key, title, summary, body::jsonb, plain, disclaimer, day::date, file, hash, 1, $12, $12, now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
         AS t(id, slug, key, title, summary, body, plain, disclaimer, day, file, hash)`,
    col((r) => r.id),
    col((r) => r.slug),
    col((r) => r.page.candidate.sourceKey),
    col((r) => r.page.candidate.page.title),
    col((r) => r.page.candidate.page.summary),
    col((r) => r.page.bodyJson),
    col((r) => r.page.plainText),
    col((r) => r.page.candidate.page.disclaimer),
    col((r) => r.page.candidate.page.contentDate),
    col((r) => r.page.fileName),
    col((r) => r.page.candidate.hash),
    actorId,
  );
}

async function updateArticles(tx: Sql, updates: { page: BulkPage }[], rows: ExistingRow[], actorId: string | null) {
  const pages = updates.map((u) => u.page);
  const count = await exec(
    tx,
    `UPDATE "Article" a SET title = t.title, summary = t.summary, body = t.body::jsonb, "plainText" = t.plain, disclaimer = t.disclaimer,
            "contentDate" = t.day::date, "sourceFile" = t.file, "sourceHash" = t.hash, status = t.status::"ArticleStatus",
            version = a.version + 1, "importedVersion" = t.version + 1, "updatedById" = $12, "updatedAt" = now()
       FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
         AS t(id, version, title, summary, body, plain, disclaimer, day, file, hash, status)
      WHERE a.id = t.id AND a.version = t.version AND a."deletedAt" IS NULL`,
    rows.map((r) => r.id),
    rows.map((r) => r.version),
    pages.map((p) => p.candidate.page.title),
    pages.map((p) => p.candidate.page.summary),
    pages.map((p) => p.bodyJson),
    pages.map((p) => p.plainText),
    pages.map((p) => p.candidate.page.disclaimer),
    pages.map((p) => p.candidate.page.contentDate),
    pages.map((p) => p.fileName),
    pages.map((p) => p.candidate.hash),
    rows.map((r) => statusAfterEdit(r.status)),
    actorId,
  );
  // The rows are locked since the decision; a mismatch means a bug, and the chunk falls back.
  if (count !== rows.length) throw new Error(`bulk import: updated ${count} of ${rows.length} articles`);
}

async function insertItems(tx: Sql, rows: ItemRow[]) {
  if (rows.length === 0) return;
  await exec(
    tx,
    `INSERT INTO "RecommendationItem" (id, "articleId", position, "targetArticleId", title, summary, category, "itemDate")
     SELECT id, article, position, target, title, summary, category, day::date
       FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS t(id, article, position, target, title, summary, category, day)`,
    rows.map((r) => r.id),
    rows.map((r) => r.articleId),
    rows.map((r) => r.position),
    rows.map((r) => r.targetArticleId),
    rows.map((r) => r.title),
    rows.map((r) => r.summary),
    rows.map((r) => r.category),
    rows.map((r) => r.itemDate),
  );
}

async function insertRegions(tx: Sql, rows: RegionRow[]) {
  if (rows.length === 0) return;
  await exec(
    tx,
    `INSERT INTO "ArticleRegion" ("articleId", "regionCode", "provinceCode", "cityCode", origin, confidence)
     SELECT article, code, province, city, origin::"RegionOrigin", confidence
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[]) AS t(article, code, province, city, origin, confidence)`,
    rows.map((r) => r.articleId),
    rows.map((r) => r.regionCode),
    rows.map((r) => r.provinceCode),
    rows.map((r) => r.cityCode),
    rows.map((r) => r.origin),
    rows.map((r) => r.confidence),
  );
}

type RevisionRow = { id: string; articleId: string; regions: string; items: string; note: string };

/**
 * Snapshots the articles as they now stand in the transaction, as writeRevision does: the
 * article's own columns are copied inside the database (no second round of the JSON bodies),
 * the region and item lists come from what this chunk has just written.
 */
async function insertRevisions(tx: Sql, rows: RevisionRow[], actorId: string | null) {
  await exec(
    tx,
    `INSERT INTO "Revision" (id, "articleId", "articleVersion", title, slug, summary, body, "plainText", disclaimer, category, "contentDate", regions, recommendations, note, "authorId")
     SELECT t.id, a.id, a.version, a.title, a.slug, a.summary, a.body, a."plainText", a.disclaimer, a.category, a."contentDate", t.regions::jsonb, t.items::jsonb, t.note, $6
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, article, regions, items, note)
       JOIN "Article" a ON a.id = t.article`,
    rows.map((r) => r.id),
    rows.map((r) => r.articleId),
    rows.map((r) => r.regions),
    rows.map((r) => r.items),
    rows.map((r) => r.note),
    actorId,
  );
}

async function insertAudits(tx: Sql, rows: { entityId: string; summary: string }[], actorId: string | null) {
  await exec(
    tx,
    `INSERT INTO "AuditEvent" ("actorId", action, "entityType", "entityId", summary)
     SELECT $3, 'article.import', 'Article', id, summary::jsonb FROM unnest($1::text[], $2::text[]) AS t(id, summary)`,
    rows.map((r) => r.entityId),
    rows.map((r) => r.summary),
    actorId,
  );
}

async function insertImportItems(tx: Sql, batchId: string, rows: BulkImportItem[]) {
  if (rows.length === 0) return;
  // Arrays of arrays do not survive unnest (it flattens them), so the two list columns travel as JSON.
  const list = `ARRAY(SELECT jsonb_array_elements_text(%::jsonb))`;
  await exec(
    tx,
    `INSERT INTO "ImportItem" (id, "batchId", position, "fileName", "contentHash", outcome, "articleId", reason, error, title, "itemCount", "regionCodes", warnings, forced)
     SELECT id, $14, position, file, hash, outcome::"ImportOutcome", article, reason, error, title, count, ${list.replace('%', 'regions')}, ${list.replace('%', 'warnings')}, forced
       FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[], $11::text[], $12::text[], $13::bool[])
         AS t(id, position, file, hash, outcome, article, reason, error, title, count, regions, warnings, forced)`,
    rows.map(() => newId()),
    rows.map((r) => r.position),
    rows.map((r) => r.fileName),
    rows.map((r) => r.contentHash),
    rows.map((r) => r.outcome),
    rows.map((r) => r.articleId),
    rows.map((r) => r.reason),
    rows.map((r) => r.error),
    rows.map((r) => r.title),
    rows.map((r) => r.itemCount),
    rows.map((r) => JSON.stringify(r.regionCodes)),
    rows.map((r) => JSON.stringify(r.warnings)),
    rows.map((r) => r.forced),
    batchId,
  );
}

let counter = 0;

/**
 * Ids in the shape Prisma's cuid() gives (a `c`, then lowercase base-36), made here because raw
 * inserts bypass the client that would otherwise generate them.
 */
export function newId(): string {
  counter = (counter + 1) % 1_679_616;
  const time = Date.now().toString(36).padStart(8, '0');
  const count = counter.toString(36).padStart(4, '0');
  const random = BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36).padStart(13, '0').slice(0, 12);
  return `c${time}${count}${random}`;
}
