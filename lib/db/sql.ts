import { randomFillSync } from 'node:crypto';
import type pg from 'pg';
import type { Tx } from './client';

/**
 * Plain SQL with positional parameters, on whichever connection the caller holds: a Prisma
 * transaction (the editor's save, bulk edits, restores) or a `pg` client of its own (the import's
 * chunks, whose parameters are megabytes of JSON that the driver sends as they are, without
 * Prisma's per-query serialisation; the same statements took about twice as long through Prisma).
 * Set-based writers (lib/articles/write-versions.ts) take one of these and so serve both.
 */
export type Sql = {
  rows<T>(text: string, params: readonly unknown[]): Promise<T[]>;
  /** Runs a statement; resolves to the number of rows it wrote. */
  run(text: string, params: readonly unknown[]): Promise<number>;
};

export function pgSql(client: pg.ClientBase): Sql {
  return {
    rows: async <T>(text: string, params: readonly unknown[]) => (await client.query(text, [...params])).rows as T[],
    run: async (text: string, params: readonly unknown[]) => (await client.query(text, [...params])).rowCount ?? 0,
  };
}

export function txSql(tx: Tx): Sql {
  return {
    rows: <T>(text: string, params: readonly unknown[]) => tx.$queryRawUnsafe<T[]>(text, ...params),
    run: (text: string, params: readonly unknown[]) => tx.$executeRawUnsafe(text, ...params),
  };
}

let counter = 0;
// Random bytes drawn a few thousand at a time: one randomBytes call per id cost more than the
// rest of the id put together.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

/**
 * Ids in the shape Prisma's cuid() gives (a `c`, then lowercase base-36), for rows written with
 * plain SQL, which bypasses the client that would otherwise generate them.
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
