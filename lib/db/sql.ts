import { randomFillSync } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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
  /**
   * Appends rows to a table, each row's values in the order of `columns` (null for SQL NULL,
   * objects for json columns, string arrays for text[] columns). Names are the caller's constants.
   */
  insert(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
};

/**
 * A `pg` connection of the caller's. Rows are appended with COPY, the server's bulk path: the
 * import's chunks write thousands of rows a statement, and an INSERT from a JSON parameter took the
 * database ~30 % longer for the same rows (the JSON parsed, then each row inserted on its own).
 */
export function pgSql(client: pg.ClientBase): Sql {
  return {
    rows: async <T>(text: string, params: readonly unknown[]) => (await client.query(text, [...params])).rows as T[],
    run: async (text: string, params: readonly unknown[]) => (await client.query(text, [...params])).rowCount ?? 0,
    insert: async (table, columns, rows) => {
      if (rows.length === 0) return;
      const stream = client.query(copyFrom(`COPY ${quoteName(table)} (${columns.map(quoteName).join(', ')}) FROM STDIN`));
      await pipeline(Readable.from(copyText(rows)), stream);
    },
  };
}

export function txSql(tx: Tx): Sql {
  return {
    rows: <T>(text: string, params: readonly unknown[]) => tx.$queryRawUnsafe<T[]>(text, ...params),
    run: (text: string, params: readonly unknown[]) => tx.$executeRawUnsafe(text, ...params),
    insert: async (table, columns, rows) => {
      if (rows.length > 0) await tx.$executeRawUnsafe(jsonInsert(table, columns), jsonRows(columns, rows));
    },
  };
}

/** An INSERT of the rows of one JSON parameter, typed by the table's own row type. */
function jsonInsert(table: string, columns: readonly string[]): string {
  const names = columns.map(quoteName).join(', ');
  return `INSERT INTO ${quoteName(table)} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${quoteName(table)}, $1::json)`;
}

function jsonRows(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return JSON.stringify(rows.map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i]]))));
}

function quoteName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL name: ${name}`);
  return `"${name}"`;
}

// COPY's text format: a row per line, values separated by tabs, \N for NULL, and backslash,
// newline, carriage return and tab escaped with a backslash. Made in pieces of about 64 KB
// (each one CopyData message) as the stream takes them, so that the server works through one
// piece while this process makes the next (pieces of a megabyte took the import 5–10 % longer).
function* copyText(rows: readonly (readonly unknown[])[]): Generator<string> {
  let piece = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) piece += (i === 0 ? '' : '\t') + copyValue(row[i]);
    piece += '\n';
    if (piece.length >= 1 << 16) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

const COPY_SPECIAL = /[\\\n\r\t]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (Array.isArray(value)) text = arrayLiteral(value);
  else if (typeof value === 'object') text = JSON.stringify(value);
  else throw new Error(`COPY cannot write a ${typeof value}`);
  return text.replace(COPY_SPECIAL, (c) => COPY_ESCAPES[c]);
}

/** A text[] literal: {"a","b"}, each element quoted with its quotes and backslashes escaped. */
function arrayLiteral(values: unknown[]): string {
  return `{${values
    .map((v) => {
      if (typeof v !== 'string') throw new Error('COPY writes arrays of strings only');
      return `"${v.replace(/["\\]/g, '\\$&')}"`;
    })
    .join(',')}}`;
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
