import { claimSlug, loadTakenSlugs } from '@/lib/articles/free-slugs';
import { slugFromTitle } from '@/lib/articles/slug';
import type { ItemRow, NewVersion, RegionRow } from '@/lib/articles/write-versions';
import { bodyPlainText } from '@/lib/content/plain-text';
import { newId, type Sql } from '@/lib/db/sql';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { regionAncestorCodes } from '@/lib/regions/region-path';
import { documentVectorLiteral } from '@/lib/search/vector';
import type { PageCandidate } from './analyse-units';
import { decideImport, type ExistingArticle, type ImportDecision } from './decide-import';

// The import's planner for pages: a chunk of pages and the state they meet in, the new article
// versions out (written by lib/articles/write-versions.ts, the writer every version goes
// through). Pages are decided one by one in batch order, each against the rows the pages before
// it in the chunk would leave (slugs taken, titles that items link to), so a chunk of any size
// leaves what the same pages written one at a time would.

/** A page of the chunk with what can be worked out before its transaction (see preparePage). */
export type PreparedPage = {
  position: number;
  fileName: string;
  candidate: PageCandidate;
  force: boolean;
  slugBase: string;
  plainText: string;
  /** The working copy's search vector (lib/search/vector.ts). */
  search: string;
};

/** Worked out while the database is busy with the previous chunk: pinyin, plain text, lexemes. */
export function preparePage(position: number, fileName: string, candidate: PageCandidate, force: boolean): PreparedPage {
  const { page } = candidate;
  const plainText = bodyPlainText(page.body);
  const search = documentVectorLiteral({ title: page.title, summary: page.summary, body: plainText });
  return { position, fileName, candidate, force, slugBase: slugFromTitle(page.title), plainText, search };
}

export type PageOutcome = { position: number; decision: ImportDecision; articleId?: string };

export type PagePlan = {
  outcomes: PageOutcome[];
  versions: NewVersion[];
  /** New articles, whose titles items elsewhere may already name (see linkItemsToNewPages). */
  created: { id: string; title: string }[];
};

/** The article a page maps to, as the planner needs it. */
export type ExistingPageArticle = ExistingArticle & { title: string; rejectedRegionCodes: string[] };

/** What the decided pages meet in the database. */
export type PageState = {
  takenSlugs: Set<string>;
  /** Title → ids of articles (not in the trash) with that title, in the order the database gave them. */
  titleOwners: Map<string, string[]>;
  /** Article id → its region codes that are not automatic suggestions (an editor's tags). */
  manualRegionCodes: Map<string, string[]>;
};

/**
 * Plans the chunk in the caller's transaction: locks and reads the articles the pages map to,
 * decides each page (decideImport) and plans the creates and updates.
 */
export async function planPages(sql: Sql, pages: PreparedPage[]): Promise<PagePlan> {
  const existing = await loadExisting(
    sql,
    pages.map((p) => p.candidate.sourceKey),
  );
  const decided = pages.map((page) => ({
    page,
    decision: decideImport(page.candidate.hash, existing.get(page.candidate.sourceKey) ?? null, { force: page.force }),
  }));
  const toWrite = decided.filter((d) => d.decision.action === 'create' || d.decision.action === 'update');
  const state = toWrite.length
    ? await loadPageState(sql, toWrite, existing)
    : { takenSlugs: new Set<string>(), titleOwners: new Map(), manualRegionCodes: new Map() };
  return planVersions(decided, existing, state);
}

/** The pure half of planPages: decided pages and their state in, versions out. */
export function planVersions(
  decided: { page: PreparedPage; decision: ImportDecision }[],
  existing: Map<string, ExistingPageArticle>,
  state: PageState,
): PagePlan {
  const { takenSlugs, titleOwners, manualRegionCodes } = state;
  const outcomes: PageOutcome[] = [];
  const versions: NewVersion[] = [];
  const created: { id: string; title: string }[] = [];
  for (const { page, decision } of decided) {
    if (decision.action !== 'create' && decision.action !== 'update') {
      outcomes.push({ position: page.position, decision });
      continue;
    }
    const { candidate, fileName } = page;
    const parsed = candidate.page;
    const row = decision.action === 'update' ? existing.get(candidate.sourceKey)! : null;
    const id = row?.id ?? newId();
    if (row) dropOwner(titleOwners, row.title, id);
    addOwner(titleOwners, parsed.title, id);
    const forced = decision.action === 'update' && decision.forced;

    // Detected regions replace the earlier suggestions; an editor's tags are never touched and a
    // suggestion an editor rejected is not made again.
    const skip = new Set([...(row ? (manualRegionCodes.get(id) ?? []) : []), ...(row?.rejectedRegionCodes ?? [])]);
    const regions: RegionRow[] = candidate.regions
      .filter((r) => !skip.has(r.code) && regionAncestorCodes(r.code))
      .map((r) => ({ regionCode: r.code, origin: 'AUTO', confidence: r.confidence }));
    // Items link to the articles that exist when the page is written (later pages of the chunk
    // are linked to by linkItemsToNewPages, after the revisions are taken).
    const items: ItemRow[] = parsed.items.map((item) => ({
      title: item.title,
      summary: item.summary,
      category: item.category,
      itemDate: item.date,
      targetArticleId: ownerOf(titleOwners, item.title, id),
    }));

    versions.push({
      articleId: id,
      ...(row
        ? { from: { version: row.version, status: row.status } }
        : { create: { slug: claimSlug(page.slugBase, takenSlugs), sourceKey: candidate.sourceKey } }),
      set: {
        title: parsed.title,
        summary: parsed.summary,
        body: parsed.body,
        disclaimer: parsed.disclaimer,
        contentDate: parsed.contentDate,
        sourceFile: fileName,
        sourceHash: candidate.hash,
      },
      imported: true,
      plainText: page.plainText,
      search: page.search,
      regions: { replace: 'auto', rows: regions },
      items,
      revision: { note: row ? (forced ? `重新导入 ${fileName}（覆盖编辑的修改，按要求导入为新版本）` : `重新导入 ${fileName}`) : `导入 ${fileName}` },
      audit: {
        action: 'article.import',
        summary: row
          ? { outcome: 'updated', file: fileName, ...(forced ? { forced: true, overwrittenVersion: row.version } : {}) }
          : { outcome: 'created', file: fileName },
      },
    });
    outcomes.push({ position: page.position, decision, articleId: id });
    if (!row) created.push({ id, title: parsed.title });
  }
  return { outcomes, versions, created };
}

/**
 * Items elsewhere (earlier chunks, other batches, earlier pages of this chunk) that name a new
 * page by title now point at it. Revisions already taken keep the list as it was then. "Not
 * linked yet" is written so that no index can serve it: during a large import the statistics
 * lag, and the planner otherwise intersects the title lookup with every unlinked item.
 */
export async function linkItemsToNewPages(sql: Sql, created: PagePlan['created']): Promise<void> {
  if (created.length === 0) return;
  await sql.run(
    `UPDATE "RecommendationItem" ri SET "targetArticleId" = c.id
       FROM unnest($1::text[], $2::text[]) AS c(title, id)
      WHERE ri.title = c.title AND coalesce(ri."targetArticleId", '') = '' AND ri."articleId" <> c.id`,
    [created.map((c) => c.title), created.map((c) => c.id)],
  );
}

async function loadExisting(sql: Sql, sourceKeys: string[]): Promise<Map<string, ExistingPageArticle>> {
  // FOR UPDATE: the decisions hold until the chunk commits.
  const rows = await sql.rows<{
    id: string;
    sourceKey: string;
    status: ArticleStatus;
    version: number;
    importedVersion: number | null;
    sourceHash: string | null;
    deletedAt: Date | null;
    title: string;
    rejectedRegionCodes: string[] | null;
  }>(
    `SELECT id, "sourceKey", status::text AS status, version, "importedVersion", "sourceHash", "deletedAt", title, "rejectedRegionCodes"
       FROM "Article" WHERE "sourceKey" = ANY($1::text[]) FOR UPDATE`,
    [sourceKeys],
  );
  return new Map(
    rows.map(({ sourceKey, sourceHash, rejectedRegionCodes, ...r }) => [
      sourceKey,
      { ...r, matchHash: sourceHash, rejectedRegionCodes: rejectedRegionCodes ?? [] },
    ]),
  );
}

async function loadPageState(
  sql: Sql,
  toWrite: { page: PreparedPage; decision: ImportDecision }[],
  existing: Map<string, ExistingPageArticle>,
): Promise<PageState> {
  const creates = toWrite.filter((d) => d.decision.action === 'create');
  const updateIds = toWrite.filter((d) => d.decision.action === 'update').map((d) => existing.get(d.page.candidate.sourceKey)!.id);
  const titles = [...new Set(toWrite.flatMap((d) => d.page.candidate.page.items.map((i) => i.title)))];
  // One connection: these run one after another.
  const takenSlugs = await loadTakenSlugs(
    sql,
    creates.map((d) => d.page.slugBase),
  );
  const titleOwners = new Map<string, string[]>();
  if (titles.length) {
    // A join with the list rather than "title = ANY(list)": the planner estimates each element of
    // an ANY list on its own, which took longer than the lookup for a chunk's thousands of titles.
    const owners = await sql.rows<{ id: string; title: string }>(
      `SELECT a.id, a.title FROM unnest($1::text[]) AS t(title) JOIN "Article" a ON a.title = t.title WHERE a."deletedAt" IS NULL`,
      [titles],
    );
    for (const row of owners) addOwner(titleOwners, row.title, row.id);
  }
  const manualRegionCodes = new Map<string, string[]>();
  if (updateIds.length) {
    const manual = await sql.rows<{ articleId: string; regionCode: string }>(
      `SELECT "articleId", "regionCode" FROM "ArticleRegion" WHERE "articleId" = ANY($1::text[]) AND origin <> 'AUTO'`,
      [updateIds],
    );
    for (const row of manual) manualRegionCodes.set(row.articleId, [...(manualRegionCodes.get(row.articleId) ?? []), row.regionCode]);
  }
  return { takenSlugs, titleOwners, manualRegionCodes };
}

function addOwner(owners: Map<string, string[]>, title: string, id: string) {
  const list = owners.get(title);
  if (list) list.push(id);
  else owners.set(title, [id]);
}

function dropOwner(owners: Map<string, string[]>, title: string, id: string) {
  const list = owners.get(title);
  if (list)
    owners.set(
      title,
      list.filter((x) => x !== id),
    );
}

/** A title shared by several articles resolves to the last one named (as a Map keyed by title would). */
function ownerOf(owners: Map<string, string[]>, title: string, selfId: string): string | null {
  const list = owners.get(title);
  if (!list) return null;
  for (let i = list.length - 1; i >= 0; i -= 1) if (list[i] !== selfId) return list[i];
  return null;
}
