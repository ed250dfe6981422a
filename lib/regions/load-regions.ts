import type { Prisma } from '@/lib/generated/prisma/client';
import { buildRegionRows, type RegionRow } from './region-data';

// Loads the region table from the data package. Safe to run on every migrate/seed: rows that
// exist are left alone unless the package renamed or moved them; nothing is deleted, because
// articles may still point at a region the package has dropped (abolished counties).

export type LoadRegionsResult = {
  /** Rows in the data package (all of which exist in the table afterwards). */
  count: number;
  created: number;
  updated: number;
};

// What the loader needs from a Prisma client. Structural, so both the plain PrismaClient and the
// app's client (created with global `omit` options, a different generic instance) are accepted.
type RegionTx = Pick<Prisma.TransactionClient, 'region'>;
export type RegionLoaderDb = {
  $transaction<R>(fn: (tx: RegionTx) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R>;
};

const CHUNK_SIZE = 1000;
// Inserting ~3,200 rows and a few updates takes a few seconds on a slow disk or PGlite.
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

/** Inserts missing regions and updates changed ones, all in one transaction. */
export async function loadRegions(db: RegionLoaderDb): Promise<LoadRegionsResult> {
  // Parents come before children, so every chunk's parents already exist (or are in the same statement).
  const rows = buildRegionRows();
  return db.$transaction(
    async (tx) => {
      const stored = await tx.region.findMany({
        select: { code: true, name: true, shortName: true, level: true, parentCode: true, pinyin: true, initials: true },
      });
      const storedByCode = new Map<string, StoredRegion>(stored.map((region) => [region.code, region]));

      // Only the missing rows are sent: on an up-to-date table (every CLI command checks it) this
      // writes nothing. skipDuplicates still covers a concurrent loader.
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

      return { count: rows.length, created, updated: changed.length };
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
  );
}
