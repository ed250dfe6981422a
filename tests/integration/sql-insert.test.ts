import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { pgConfigFromUrl } from '@/lib/db/pg-config';
import { pgSql, txSql, type Sql } from '@/lib/db/sql';
import './helpers';

// Sql.insert appends rows by COPY on a pg connection, and by an INSERT from JSON through Prisma.
// Both must store exactly the values they are given.

const TABLE = 'SqlInsertProbe';
const columns = ['id', 'label', 'count', 'doc', 'tags', 'day', 'at', 'vector'];

// Values that COPY's text format and JSON each have to escape.
const awkward = 'tab\there\nnewline\r\nCRLF back\\slash \\N quote\' "double" 医保 𠀀 emoji 😀';
const rows = [
  [
    'a',
    awkward,
    1,
    { text: awkward, nested: [1, 'x\\y', null] },
    ['plain', 'with "quote"', 'comma,brace{}', 'back\\slash', '', 'NULL'],
    '2026-01-31',
    '2026-12-07T01:02:03.456Z',
    "'医保':1A 'it''s':2",
  ],
  ['b', '', 0, {}, [], null, null, null],
  ['c', null, null, null, null, null, null, ''],
];

let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client(pgConfigFromUrl(process.env.DATABASE_URL!));
  await client.connect();
  await client.query(`DROP TABLE IF EXISTS "${TABLE}"`);
  await client.query(
    `CREATE TABLE "${TABLE}" (id text PRIMARY KEY, label text, count int, doc jsonb, tags text[], day date, at timestamp(3), vector tsvector)`,
  );
});

afterAll(async () => {
  await client.query(`DROP TABLE IF EXISTS "${TABLE}"`);
  await client.end();
});

async function stored(): Promise<unknown[][]> {
  const result = await client.query({
    text: `SELECT id, label, count, doc, tags, to_char(day, 'YYYY-MM-DD') AS day, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS at, vector::text AS vector FROM "${TABLE}" ORDER BY id`,
    rowMode: 'array',
  });
  await client.query(`TRUNCATE "${TABLE}"`);
  return result.rows;
}

// As read back: the timestamp without its zone, the vector as PostgreSQL orders and writes it.
const expected = rows.map((row, i) => (i === 0 ? [...row.slice(0, 6), '2026-12-07T01:02:03.456', "'it''s':2 '医保':1A"] : row));

describe('Sql.insert', () => {
  it('stores every value as given through COPY on a pg connection', async () => {
    await pgSql(client).insert(TABLE, columns, rows);
    expect(await stored()).toEqual(expected);
  });

  it('stores the same values through Prisma', async () => {
    await db.$transaction((tx) => txSql(tx).insert(TABLE, columns, rows));
    expect(await stored()).toEqual(expected);
  });

  it('takes a large batch in several pieces, in order', async () => {
    const many = Array.from({ length: 5_000 }, (_, i) => [`r${String(i).padStart(5, '0')}`, awkward.repeat(20), i, null, null, null, null, null]);
    await pgSql(client).insert(TABLE, columns, many);
    const back = await stored();
    expect(back).toHaveLength(5_000);
    expect(back.every((row, i) => row[0] === many[i][0] && row[1] === many[i][1] && row[2] === i)).toBe(true);
  });

  it('fails the statement on a bad value, and the connection goes on', async () => {
    const insert = (sql: Sql) => sql.insert(TABLE, columns, [['x', 'label', 'not a number', null, null, null, null, null]]);
    await expect(insert(pgSql(client))).rejects.toThrow(/invalid input syntax for type integer/);
    await expect(db.$transaction((tx) => insert(txSql(tx)))).rejects.toThrow(/integer/);
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('refuses names that are not plain SQL names', async () => {
    await expect(pgSql(client).insert('Bad"Name', columns, rows)).rejects.toThrow(/not a plain SQL name/);
  });
});
