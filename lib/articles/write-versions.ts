import { bodyPlainText } from '@/lib/content/plain-text';
import { newId, type Sql } from '@/lib/db/sql';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { regionAncestorCodes } from '@/lib/regions/region-path';
import { documentVectorLiteral } from '@/lib/search/vector';
import { statusAfterEdit } from '@/lib/workflow/transitions';

// The one writer of article versions. The editor's save, a new article, bulk edits, the import
// and the NDJSON restore each plan what their versions hold (their own rules: the editor's region
// tags, the import's decisions and title links, a record's references); this file writes them,
// and holds the rules every new version follows:
//   - an edit is conditional on the version it was made on, bumps the version and moves the
//     status as an edit does (statusAfterEdit: an approved or live version needs a new review);
//   - the working copy's search vector follows its title, summary and body;
//   - regions are written with their ancestors; a revision snapshots the article as it then
//     stands in the transaction (its columns, regions and list, copied inside the database);
//   - each version has its audit row.
// The statements are set-based: their number does not grow with the number of versions.

export type RegionRow = { regionCode: string; origin: 'AUTO' | 'MANUAL'; confidence: number };
export type ItemRow = { title: string; summary: string; category: string; itemDate: string | null; targetArticleId: string | null };

/** The article columns a version may set (the rest keep their values). Dates as ISO strings. */
export type VersionColumns = {
  title?: string;
  slug?: string;
  summary?: string;
  /** ProseMirror JSON, validated by the caller (lib/content/body-schema.ts). */
  body?: object;
  disclaimer?: string;
  category?: string;
  contentDate?: string | null;
  rejectedRegionCodes?: string[];
  sourceFile?: string | null;
  sourceHash?: string | null;
};

/** Columns only a new article sets: its identity and, for a restored one, its recorded state. */
export type CreateColumns = {
  slug: string;
  sourceKey?: string | null;
  createdById?: string | null;
  status?: ArticleStatus;
  version?: number;
  importedVersion?: number | null;
  publishedAt?: string | null;
  createdAt?: string;
  updatedAt?: string;
  updatedById?: string | null;
};

export type NewVersion = {
  articleId: string;
  /** An edit: the version and status the caller read. The write happens only if they still hold. */
  from?: { version: number; status: ArticleStatus };
  /** A new article (no `from`). */
  create?: CreateColumns;
  set: VersionColumns;
  /** Written by an import: importedVersion follows the new version (later edits show as conflicts). */
  imported?: boolean;
  /** Precomputed plain text and search vector literal (the import computes them while the previous chunk is written). */
  plainText?: string;
  search?: string;
  /** `auto` replaces the automatic suggestions only (an editor's tags stay), `all` every tag. */
  regions?: { replace: 'auto' | 'all'; rows: RegionRow[] };
  items?: ItemRow[];
  /** The revision of this version; `replaces` is dropped first (the editor's growing autosave). Null: none. */
  revision: { note: string; replaces?: string | null } | null;
  audit: { action: string; summary: object } | null;
};

export type WrittenVersion = { articleId: string; version: number; status: ArticleStatus; revisionId: string | null };

/** Some edits found their article changed or deleted since it was read; nothing was written. */
export class StaleVersionError extends Error {
  constructor(readonly articleIds: string[]) {
    super(`stale article versions: ${articleIds.join(', ')}`);
  }
}

/**
 * A version's time as Prisma stores it: UTC in a timestamp without a time zone (PostgreSQL ignores
 * the Z), whatever the session's TimeZone. One clock for every row of the call, as Prisma's own
 * writes take theirs from this process too.
 */
function timestampNow(): string {
  return new Date().toISOString();
}

// Column → SQL type, as the statements read them from json_to_recordset.
const columnTypes: Record<keyof VersionColumns | keyof CreateColumns | 'plainText', string> = {
  title: 'text',
  slug: 'text',
  summary: 'text',
  body: 'jsonb',
  plainText: 'text',
  disclaimer: 'text',
  category: 'text',
  contentDate: 'date',
  rejectedRegionCodes: 'text[]',
  sourceFile: 'text',
  sourceHash: 'text',
  sourceKey: 'text',
  createdById: 'text',
  updatedById: 'text',
  status: '"ArticleStatus"',
  version: 'int',
  importedVersion: 'int',
  publishedAt: 'timestamp(3)',
  createdAt: 'timestamp(3)',
  updatedAt: 'timestamp(3)',
};
type Column = keyof typeof columnTypes;

/**
 * Writes the versions in the caller's transaction, in order. Throws StaleVersionError when an
 * edit's article moved on (the caller's transaction must then be rolled back), and any database
 * error as it comes.
 */
export async function writeVersions(sql: Sql, versions: NewVersion[], who: { actorId: string | null; ip?: string | null }): Promise<WrittenVersion[]> {
  if (versions.length === 0) return [];
  const now = timestampNow();
  const rows = versions.map((v) => articleRow(v, who.actorId));
  await insertArticles(
    sql,
    rows.filter((r) => !r.from),
    now,
  );
  await updateArticles(
    sql,
    rows.filter((r) => r.from),
    now,
  );
  await writeSearch(sql, rows);
  await writeRegions(sql, versions);
  await writeItems(sql, versions);
  const revisionIds = await writeRevisions(sql, versions, who.actorId, now);
  await writeAudits(sql, versions, who, now);
  return rows.map((row, i) => ({ articleId: row.id, version: row.newVersion, status: row.newStatus, revisionId: revisionIds[i] }));
}

type ArticleRow = {
  id: string;
  from: NewVersion['from'];
  values: Partial<Record<Column, unknown>>;
  search: string | null;
  newVersion: number;
  newStatus: ArticleStatus;
};

function articleRow(v: NewVersion, actorId: string | null): ArticleRow {
  for (const key of [...Object.keys(v.set), ...Object.keys(v.create ?? {})]) {
    // Column names go into the statements: only the known ones.
    if (!(key in columnTypes)) throw new Error(`writeVersions: unknown article column ${key}`);
  }
  const values: Partial<Record<Column, unknown>> = {};
  for (const [key, value] of Object.entries(v.set)) if (value !== undefined) values[key as Column] = value;
  if (v.set.body !== undefined) values.plainText = v.plainText ?? bodyPlainText(v.set.body);
  values.updatedById = actorId;
  let newVersion: number;
  let newStatus: ArticleStatus;
  if (v.from) {
    newVersion = v.from.version + 1;
    newStatus = statusAfterEdit(v.from.status);
    values.status = newStatus;
    values.version = newVersion;
  } else {
    if (!v.create) throw new Error(`version of ${v.articleId}: neither an edit nor a new article`);
    // Made by the person writing it, unless a restore says who made it.
    values.createdById = actorId;
    for (const [key, value] of Object.entries(v.create)) if (value !== undefined) values[key as Column] = value;
    newVersion = v.create.version ?? 1;
    newStatus = v.create.status ?? 'DRAFT';
  }
  if (v.imported) values.importedVersion = newVersion;
  const text = { title: v.set.title, summary: v.set.summary, body: values.plainText as string | undefined };
  const hasText = text.title !== undefined && text.summary !== undefined && text.body !== undefined;
  if (!v.from && !hasText) throw new Error(`new article ${v.articleId}: title, summary and body are required`);
  const search = v.search ?? (hasText ? documentVectorLiteral({ title: text.title!, summary: text.summary!, body: text.body! }) : null);
  return { id: v.articleId, from: v.from, values, search, newVersion, newStatus };
}

/** Rows grouped by the columns they set, so that each statement names its columns once. */
function byShape(rows: ArticleRow[]): ArticleRow[][] {
  const groups = new Map<string, ArticleRow[]>();
  for (const row of rows) {
    const shape = Object.keys(row.values).sort().join(',');
    groups.set(shape, [...(groups.get(shape) ?? []), row]);
  }
  return [...groups.values()];
}

function recordsetColumns(columns: string[], extra: string[] = []): string {
  return [...extra, ...columns.map((c) => `"${c}" ${columnTypes[c as Column]}`)].join(', ');
}

async function insertArticles(sql: Sql, rows: ArticleRow[], now: string) {
  for (const group of byShape(rows)) {
    // Prisma fills createdAt and updatedAt; here they are filled too, unless a restore gives them.
    const stamps = (['createdAt', 'updatedAt'] as const).filter((c) => !(c in group[0].values));
    const columns = Object.keys(group[0].values).sort() as Column[];
    await sql.insert(
      'Article',
      ['id', ...columns, ...stamps],
      group.map((r) => [r.id, ...columns.map((c) => r.values[c]), ...stamps.map(() => now)]),
    );
  }
}

async function updateArticles(sql: Sql, rows: ArticleRow[], now: string) {
  const stale: string[] = [];
  for (const group of byShape(rows)) {
    const columns = Object.keys(group[0].values).sort();
    const sets = columns.map((c) => `"${c}" = t."${c}"`).join(', ');
    const updated = await sql.rows<{ id: string }>(
      `UPDATE "Article" a SET ${sets}, "updatedAt" = $2::timestamp(3)
         FROM json_to_recordset($1::json) AS t(${recordsetColumns(columns, ['id text', '"fromVersion" int'])})
        WHERE a.id = t.id AND a.version = t."fromVersion" AND a."deletedAt" IS NULL
        RETURNING a.id`,
      [JSON.stringify(group.map((r) => ({ id: r.id, fromVersion: r.from!.version, ...r.values }))), now],
    );
    const done = new Set(updated.map((r) => r.id));
    stale.push(...group.filter((r) => !done.has(r.id)).map((r) => r.id));
  }
  if (stale.length) throw new StaleVersionError(stale);
}

async function writeSearch(sql: Sql, rows: ArticleRow[]) {
  const indexed = rows.filter((r) => r.search);
  // A new article has no vector yet; an edited one may.
  await sql.insert(
    'ArticleSearch',
    ['articleId', 'vector'],
    indexed.filter((r) => !r.from).map((r) => [r.id, r.search]),
  );
  const edited = indexed.filter((r) => r.from);
  if (edited.length === 0) return;
  await sql.run(
    `INSERT INTO "ArticleSearch" ("articleId", vector)
     SELECT id, vector FROM json_to_recordset($1::json) AS t(id text, vector tsvector)
     ON CONFLICT ("articleId") DO UPDATE SET vector = EXCLUDED.vector`,
    [JSON.stringify(edited.map((r) => ({ id: r.id, vector: r.search })))],
  );
}

async function writeRegions(sql: Sql, versions: NewVersion[]) {
  const withRegions = versions.filter((v) => v.regions);
  if (withRegions.length === 0) return;
  const replaceAll = withRegions.filter((v) => v.regions!.replace === 'all').map((v) => v.articleId);
  const replaceAuto = withRegions.filter((v) => v.regions!.replace === 'auto' && v.from).map((v) => v.articleId);
  if (replaceAll.length) await sql.run(`DELETE FROM "ArticleRegion" WHERE "articleId" = ANY($1::text[])`, [replaceAll]);
  if (replaceAuto.length) await sql.run(`DELETE FROM "ArticleRegion" WHERE "articleId" = ANY($1::text[]) AND origin = 'AUTO'`, [replaceAuto]);
  await sql.insert(
    'ArticleRegion',
    ['articleId', 'regionCode', 'provinceCode', 'cityCode', 'origin', 'confidence'],
    withRegions.flatMap((v) =>
      v.regions!.rows.map((r) => {
        const ancestors = regionAncestorCodes(r.regionCode);
        if (!ancestors) throw new Error(`unknown region code ${r.regionCode}`);
        return [v.articleId, r.regionCode, ancestors.provinceCode, ancestors.cityCode, r.origin, r.confidence];
      }),
    ),
  );
}

async function writeItems(sql: Sql, versions: NewVersion[]) {
  const withItems = versions.filter((v) => v.items);
  if (withItems.length === 0) return;
  const edited = withItems.filter((v) => v.from).map((v) => v.articleId);
  if (edited.length) await sql.run(`DELETE FROM "RecommendationItem" WHERE "articleId" = ANY($1::text[])`, [edited]);
  await sql.insert(
    'RecommendationItem',
    ['articleId', 'position', 'targetArticleId', 'title', 'summary', 'category', 'itemDate'],
    withItems.flatMap((v) =>
      v.items!.map((item, position) => [v.articleId, position, item.targetArticleId, item.title, item.summary, item.category, item.itemDate]),
    ),
  );
}

/**
 * Snapshots each article as it now stands, inside the database: its columns, its regions (by
 * code) and its list (by position), in the shapes of RevisionRegion and RevisionRecommendation.
 */
async function writeRevisions(sql: Sql, versions: NewVersion[], authorId: string | null, now: string): Promise<(string | null)[]> {
  const ids = versions.map((v) => (v.revision ? newId() : null));
  const replaced = versions.flatMap((v) => (v.revision?.replaces ? [v.revision.replaces] : []));
  if (replaced.length) await sql.run(`DELETE FROM "Revision" WHERE id = ANY($1::text[])`, [replaced]);
  const rows = versions.flatMap((v, i) => (v.revision ? [{ id: ids[i], articleId: v.articleId, note: v.revision.note }] : []));
  if (rows.length === 0) return ids;
  await sql.run(
    `INSERT INTO "Revision" (id, "articleId", "articleVersion", title, slug, summary, body, "plainText", disclaimer, category, "contentDate", regions, recommendations, note, "authorId", "createdAt")
     SELECT t.id, a.id, a.version, a.title, a.slug, a.summary, a.body, a."plainText", a.disclaimer, a.category, a."contentDate",
            coalesce((SELECT jsonb_agg(jsonb_build_object('code', r."regionCode", 'origin', r.origin, 'confidence', r.confidence) ORDER BY r."regionCode")
                        FROM "ArticleRegion" r WHERE r."articleId" = a.id), '[]'::jsonb),
            coalesce((SELECT jsonb_agg(jsonb_build_object('title', i.title, 'summary', i.summary, 'category', i.category,
                                                          'itemDate', to_char(i."itemDate", 'YYYY-MM-DD'), 'targetArticleId', i."targetArticleId") ORDER BY i.position)
                        FROM "RecommendationItem" i WHERE i."articleId" = a.id), '[]'::jsonb),
            t.note, $2, $3::timestamp(3)
       FROM json_to_recordset($1::json) AS t(id text, "articleId" text, note text)
       JOIN "Article" a ON a.id = t."articleId"`,
    [JSON.stringify(rows), authorId, now],
  );
  return ids;
}

async function writeAudits(sql: Sql, versions: NewVersion[], who: { actorId: string | null; ip?: string | null }, now: string) {
  const rows = versions.flatMap((v) => (v.audit ? [{ entityId: v.articleId, action: v.audit.action, summary: v.audit.summary }] : []));
  if (rows.length === 0) return;
  await sql.run(
    `INSERT INTO "AuditEvent" ("actorId", action, "entityType", "entityId", summary, ip, "createdAt")
     SELECT $2, action, 'Article', "entityId", summary, $3, $4::timestamp(3) FROM json_to_recordset($1::json) AS t("entityId" text, action text, summary jsonb)`,
    [JSON.stringify(rows), who.actorId, who.ip ?? null, now],
  );
}
