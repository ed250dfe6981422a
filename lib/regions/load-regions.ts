import { z } from 'zod';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { RegionRow } from './region-data';
import { REGION_DATA_FINGERPRINT } from './region-data-version';

// Loads the region table from the data package. Safe to run on every migrate/seed: rows that
// exist are left alone unless the package renamed or moved them; nothing is deleted, because
// articles may still point at a region the package has dropped (abolished counties).
//
// Every CLI command runs this first, and building the rows (pinyin for ~3,200 names) and comparing
// them with the table costs ~50 MB that the process never gives back. So a full load records the
// data's fingerprint in the Setting table, in the same transaction as the rows; while it matches
// and no row has been deleted since, a run is one query. A row edited by hand is repaired on the
// next full load: delete the Setting row `regionData` to force one.

export type LoadRegionsResult = {
  /** Rows in the data package (all of which exist in the table afterwards). */
  count: number;
  created: number;
  updated: number;
};

// What the loader needs from a Prisma client. Structural, so both the plain PrismaClient and the
// app's client (created with global `omit` options, a different generic instance) are accepted.
type RegionTx = Pick<Prisma.TransactionClient, 'region' | '$executeRaw'>;
export type RegionLoaderDb = Pick<Prisma.TransactionClient, '$queryRaw'> & {
  $transaction<R>(fn: (tx: RegionTx) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R>;
};

const STATE_KEY = 'regionData';

const loadedStateSchema = z.object({
  fingerprint: z.string(),
  /** Rows in the data package. */
  count: z.number().int().nonnegative(),
  /** Rows in the table after the load: the package's, plus any an older package had that it has dropped. */
  tableCount: z.number().int().nonnegative(),
});
type LoadedState = z.infer<typeof loadedStateSchema>;

const checkRowSchema = z.object({ state: z.unknown(), regions: z.number().int() });

const CHUNK_SIZE = 1000;
// Inserting ~3,200 rows and a few updates takes a few seconds on a slow disk.
const TRANSACTION_TIMEOUT_MS = 120_000;

type StoredRegion = Omit<RegionRow, 'level'> & { level: string };

const COMPARED_FIELDS = ['name', 'shortName', 'level', 'parentCode', 'pinyin', 'initials'] as const;

function hasChanged(stored: StoredRegion, row: RegionRow): boolean {
  return COMPARED_FIELDS.some((field) => stored[field] !== row[field]);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let at = 0; at < items.length; at += size) chunks.push(items.slice(at, at + size));
  return chunks;
}

/** Inserts missing regions and updates changed ones, all in one transaction; does nothing when the table is known to be up to date. */
export async function loadRegions(db: RegionLoaderDb): Promise<LoadRegionsResult> {
  const loaded = await readUpToDateState(db);
  if (loaded) return { count: loaded.count, created: 0, updated: 0 };
  return syncRegions(db);
}

/**
 * The state a full load recorded, when it was for this data and the table has not lost a row since
 * (a deleted row lowers the count; rows are never deleted by the app); otherwise null.
 */
async function readUpToDateState(db: RegionLoaderDb): Promise<LoadedState | null> {
  const rows = await db.$queryRaw<unknown[]>`
    SELECT (SELECT value FROM "Setting" WHERE key = ${STATE_KEY}) AS state, (SELECT count(*)::int FROM "Region") AS regions`;
  const { state, regions } = checkRowSchema.parse(rows[0]);
  const loaded = loadedStateSchema.safeParse(state);
  if (!loaded.success || loaded.data.fingerprint !== REGION_DATA_FINGERPRINT) return null;
  return regions >= Math.max(loaded.data.count, loaded.data.tableCount) ? loaded.data : null;
}

async function syncRegions(db: RegionLoaderDb): Promise<LoadRegionsResult> {
  // Loaded here, not at the top: pinyin-pro and the package's data are needed only for a full load.
  const { buildRegionRows } = await import('./region-data');
  // Parents come before children, so every chunk's parents already exist (or are in the same statement).
  const rows = buildRegionRows();
  return db.$transaction(
    async (tx) => {
      const stored = await tx.region.findMany({
        select: { code: true, name: true, shortName: true, level: true, parentCode: true, pinyin: true, initials: true },
      });
      const storedByCode = new Map<string, StoredRegion>(stored.map((region) => [region.code, region]));

      // Only the missing rows are sent. skipDuplicates covers a concurrent loader: its inserts
      // wait for the other's commit, then skip the rows it wrote.
      const missing = rows.filter((row) => !storedByCode.has(row.code));
      let created = 0;
      for (const part of chunk(missing, CHUNK_SIZE)) {
        const result = await tx.region.createMany({ data: part, skipDuplicates: true });
        created += result.count;
      }

      const changed = rows.filter((row) => {
        const existing = storedByCode.get(row.code);
        return existing !== undefined && hasChanged(existing, row);
      });
      for (const { code, ...fields } of changed) {
        await tx.region.update({ where: { code }, data: fields });
      }

      // Recorded with the rows, so a reader never sees the fingerprint without them. An upsert in
      // one statement: a concurrent loader waits for this row instead of failing on its key.
      const state: LoadedState = { fingerprint: REGION_DATA_FINGERPRINT, count: rows.length, tableCount: await tx.region.count() };
      await tx.$executeRaw`
        INSERT INTO "Setting" (key, value, "updatedAt") VALUES (${STATE_KEY}, ${JSON.stringify(state)}::jsonb, now() AT TIME ZONE 'UTC')
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = EXCLUDED."updatedAt"`;

      return { count: rows.length, created, updated: changed.length };
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
  );
}
