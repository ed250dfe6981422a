import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { loadRegions } from './load-regions';
import { buildRegionRows } from './region-data';
import { REGION_DATA_FINGERPRINT } from './region-data-version';

// Integration test against the local PostgreSQL (trust auth). It creates and drops its own
// database, applies the project's migrations, and is skipped when no server answers or there
// are no migrations yet.

const ADMIN = { host: '127.0.0.1', port: 5432, user: process.env.PGUSER ?? 'postgres', database: 'postgres' };
const MIGRATIONS_DIR = path.join(process.cwd(), 'prisma', 'migrations');
const databaseName = `baoda_regions_${randomBytes(4).toString('hex')}`;

let db: PrismaClient | undefined;
let skipReason: string | null = null;

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...ADMIN, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

function migrationFiles(): string[] {
  if (!existsSync(MIGRATIONS_DIR)) return [];
  return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(MIGRATIONS_DIR, entry.name, 'migration.sql'))
    .filter((file) => existsSync(file))
    .sort();
}

beforeAll(async () => {
  const files = migrationFiles();
  if (files.length === 0) {
    skipReason = 'no prisma/migrations';
    return;
  }
  try {
    await withAdmin((client) => client.query(`CREATE DATABASE "${databaseName}"`));
  } catch (error) {
    skipReason = `no PostgreSQL on 127.0.0.1:5432 (${(error as Error).message})`;
    return;
  }
  const target = new pg.Client({ ...ADMIN, database: databaseName });
  await target.connect();
  try {
    for (const file of files) await target.query(readFileSync(file, 'utf8'));
  } finally {
    await target.end();
  }
  db = new PrismaClient({ adapter: new PrismaPg({ ...ADMIN, database: databaseName }) });
});

afterAll(async () => {
  await db?.$disconnect();
  if (skipReason === null) await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
});

describe('loadRegions (PostgreSQL)', () => {
  it('inserts every region once, then only checks its fingerprint, and repairs changed rows when the fingerprint is stale', async (context) => {
    if (!db) return context.skip(skipReason ?? 'no database');
    const rows = buildRegionRows();

    const first = await loadRegions(db);
    expect(first).toEqual({ count: rows.length, created: rows.length, updated: 0 });
    expect(await db.region.count()).toBe(rows.length);
    expect((await db.setting.findUniqueOrThrow({ where: { key: 'regionData' } })).value).toEqual({
      fingerprint: REGION_DATA_FINGERPRINT,
      count: rows.length,
      tableCount: rows.length,
    });

    const again = await loadRegions(db);
    expect(again).toEqual({ count: rows.length, created: 0, updated: 0 });
    expect(await db.region.count()).toBe(rows.length);

    // A hand edit under a matching fingerprint is not looked for (that is what makes a run cheap)…
    await db.region.update({ where: { code: '520113' }, data: { name: '旧名', parentCode: '440100' } });
    expect(await loadRegions(db)).toEqual({ count: rows.length, created: 0, updated: 0 });
    // …and without the fingerprint (or with another one) every row is compared again.
    await db.setting.delete({ where: { key: 'regionData' } });
    const repaired = await loadRegions(db);
    expect(repaired).toEqual({ count: rows.length, created: 0, updated: 1 });
    expect(await db.region.findUnique({ where: { code: '520113' } })).toMatchObject({
      name: '白云区',
      shortName: '白云',
      level: 'COUNTY',
      parentCode: '520100',
      pinyin: 'baiyunqu',
      initials: 'byq',
    });
    expect(await db.region.count({ where: { parentCode: '110000' } })).toBe(16); // 北京's districts
  });

  it('restores deleted rows under a matching fingerprint, once, even with two loaders at the same time', async (context) => {
    if (!db) return context.skip(skipReason ?? 'no database');
    const rows = buildRegionRows();
    await loadRegions(db);
    const { count: deleted } = await db.region.deleteMany({ where: { parentCode: '520100' } }); // 贵阳's districts and counties
    expect(deleted).toBeGreaterThan(5);

    // Whichever way they interleave, every row is inserted once and neither fails.
    const results = await Promise.all([loadRegions(db), loadRegions(db)]);
    expect(results.reduce((sum, result) => sum + result.created, 0)).toBe(deleted);
    for (const result of results) expect(result).toMatchObject({ count: rows.length, updated: 0 });
    expect(await db.region.count()).toBe(rows.length);
    expect((await db.setting.findUniqueOrThrow({ where: { key: 'regionData' } })).value).toMatchObject({ tableCount: rows.length });
    expect(await loadRegions(db)).toEqual({ count: rows.length, created: 0, updated: 0 });
  });
});
