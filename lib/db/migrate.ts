import pg from 'pg';
import { z } from 'zod';
import { readMigrationNames } from './migration-files';
import { pgConfigFromUrl } from './pg-config';

/**
 * `prisma migrate deploy` without the native engine: applies pending migrations, keeps `_prisma_migrations`.
 * Every CLI command runs this first, so an up-to-date database is recognised with one plain query
 * and the schema engine (WebAssembly, ~35 MB that the process never gives back) is loaded only
 * when there is something to apply or a failure to report.
 */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const [names, records] = await Promise.all([readMigrationNames(), readMigrationRecords(databaseUrl)]);
  if (records !== null && allMigrationsApplied(names, records)) return [];

  const { noFilters, openSchemaEngine, readMigrationsList } = await import('./schema-engine');
  const { engine, close } = await openSchemaEngine(databaseUrl);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: await readMigrationsList(),
      filters: noFilters,
    });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}

export type MigrationRecord = { name: string; finished: boolean; rolledBack: boolean };

/**
 * Whether `migrate deploy` would find nothing to do: every folder has a finished record that was
 * not rolled back, and no record is unfinished (a failed migration, or one another process is
 * applying right now; the engine reports the first and waits for the second).
 */
export function allMigrationsApplied(names: readonly string[], records: readonly MigrationRecord[]): boolean {
  if (records.some((record) => !record.finished && !record.rolledBack)) return false;
  const applied = new Set(records.filter((record) => record.finished && !record.rolledBack).map((record) => record.name));
  return names.every((name) => applied.has(name));
}

const UNDEFINED_TABLE = '42P01';

const recordRowSchema = z.object({ migration_name: z.string(), finished: z.boolean(), rolled_back: z.boolean() });

/** The migration history, or null on a database that has none yet (the engine creates the table). */
async function readMigrationRecords(databaseUrl: string): Promise<MigrationRecord[] | null> {
  const client = new pg.Client(pgConfigFromUrl(databaseUrl));
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM _prisma_migrations',
    );
    return z
      .array(recordRowSchema)
      .parse(rows)
      .map((row) => ({ name: row.migration_name, finished: row.finished, rolledBack: row.rolled_back }));
  } catch (error) {
    if ((error as { code?: unknown }).code === UNDEFINED_TABLE) return null;
    throw error;
  } finally {
    await client.end();
  }
}
