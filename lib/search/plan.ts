import type { Db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';

// How searches are planned, shared by the public search (search-published.ts) and the admin
// table's keyword filter (lib/articles/queries.ts): both read through the GIN indexes with
// sequential scans off, and both decide from the planner's estimate whether a search is small
// enough to read, count and order every match exactly.

/** Above this many matches (the planner's estimate) a search shows an estimated total and walks an ordered index. */
export const HUGE = 5_000;

export type Reader = Pick<Db, '$queryRaw'>;

/**
 * Runs `read` with sequential scans off: the planner prices `vector @@ query` as cheap and would
 * rather read and decompress every vector of a common term than use the GIN index. No parallel
 * workers either: starting them costs more than these reads take.
 */
export async function withIndexScans<T>(db: Db, read: (tx: Reader) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    // SET LOCAL, both in one round trip.
    await tx.$queryRaw`SELECT set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`;
    return read(tx);
  });
}

/**
 * The planner's estimate of the rows `select` returns (EXPLAIN, no execution: about a
 * millisecond). For a tsquery it comes from the GIN column's statistics (most common lexemes), for
 * other conditions from the columns' statistics, combined as if independent.
 */
export async function estimateRows(reader: Reader, select: Prisma.Sql): Promise<number> {
  const [row] = await reader.$queryRaw<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>`EXPLAIN (FORMAT JSON) ${select}`;
  return Math.round(row['QUERY PLAN'][0].Plan['Plan Rows']);
}

/** An estimate as people are shown it: two significant figures (96,826 → 97,000), so that it claims no precision it has not. */
export function roundEstimate(estimate: number): number {
  if (estimate < 100) return estimate;
  const unit = 10 ** (Math.floor(Math.log10(estimate)) - 1);
  return Math.round(estimate / unit) * unit;
}
