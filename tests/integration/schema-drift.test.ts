import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaSqlFromEmpty } from '@/lib/db/schema-engine';
import { createTestDatabase, type TestDatabase } from '../../scripts/lib/test-database';
import './helpers';

// Migrations are written by hand (no shadow-database diff here), so this test proves that the
// migration history builds exactly the database prisma/schema.prisma describes: it compares the
// migrated test database with a fresh one built from Prisma's own SQL for the schema. Only the
// public schema is compared: pg-boss keeps its job queue in a schema of its own ("pgboss").

type Catalog = Record<string, string[]>;

async function readCatalog(url: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = async (sql: string) => (await client.query(sql)).rows.map((r) => Object.values(r).join(' | ')).sort();
    return {
      columns: await rows(`
        SELECT table_name, column_name, data_type, udt_name, is_nullable, coalesce(column_default, '')
        FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`),
      indexes: await rows(`
        SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`),
      constraints: await rows(`
        SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' AND c.conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"')`),
      enums: await rows(`
        SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' GROUP BY t.typname`),
    };
  } finally {
    await client.end();
  }
}

describe('migrations and schema.prisma', () => {
  let fromSchema: TestDatabase;

  beforeAll(async () => {
    // On the server the migrations ran on: catalogs differ between major versions (18 lists NOT NULL constraints).
    fromSchema = await createTestDatabase({ on: process.env.DATABASE_URL });
    const sql = await schemaSqlFromEmpty(fromSchema.url);
    const client = new pg.Client({ connectionString: fromSchema.url });
    await client.connect();
    await client.query(sql);
    await client.end();
  }, 120_000);

  afterAll(async () => {
    await fromSchema?.drop();
  });

  it('build the same tables, columns, indexes, constraints and enums', async () => {
    const [migrated, expected] = await Promise.all([readCatalog(process.env.DATABASE_URL!), readCatalog(fromSchema.url)]);
    expect(migrated.columns).toEqual(expected.columns);
    expect(migrated.indexes).toEqual(expected.indexes);
    expect(migrated.constraints).toEqual(expected.constraints);
    expect(migrated.enums).toEqual(expected.enums);
  });
});
