import pg from 'pg';
import { loadRegions, type LoadRegionsResult } from '@/lib/regions/load-regions';
import { backfillSearchVectors } from '@/lib/search/backfill';
import type { Db } from './client';
import { applyMigrations } from './migrate';
import { pgConfigFromUrl } from './pg-config';

/** The database cannot be reached with the URL given: a configuration problem, not a bug. */
export class DatabaseUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnreachableError';
  }
}

export type PrepareDatabaseResult = { appliedMigrations: string[]; regions: LoadRegionsResult; searchBackfill: { workingCopies: number; live: number } };

/**
 * Makes a database ready for the app: applies pending migrations, loads the region data and
 * indexes for search any article that has no search vector yet (articles from before search).
 * Idempotent, so every command that needs the schema runs it first (`npm start`,
 * `npm run db:migrate`, create-admin, import, export); a fresh database then works with whichever
 * command comes first. On a database that is already up to date it is a few queries: neither the
 * schema engine nor the region builder is loaded (applyMigrations, loadRegions).
 */
export async function prepareDatabase(databaseUrl: string, db: Db): Promise<PrepareDatabaseResult> {
  const appliedMigrations = await applyMigrations(databaseUrl);
  const regions = await loadRegions(db);
  const searchBackfill = await backfillSearchVectors(db);
  return { appliedMigrations, regions, searchBackfill };
}

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Opens and closes one plain connection, so that a wrong URL, a database that does not exist or a
 * server that is down is reported in one line instead of surfacing from inside the schema engine
 * or Prisma. The message names host, port and database, never the password.
 */
export async function checkDatabaseReachable(databaseUrl: string): Promise<void> {
  let where = '';
  let client: pg.Client | undefined;
  try {
    const config = pgConfigFromUrl(databaseUrl);
    where = ` at ${config.host}:${config.port}/${config.database ?? ''}`;
    client = new pg.Client({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    await client.connect();
  } catch (error) {
    throw new DatabaseUnreachableError(`Cannot connect to the database${where}: ${describe(error)}. Check DATABASE_URL.`);
  } finally {
    await client?.end().catch(() => {});
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node reports a refused connection to a name with several addresses as an AggregateError
  // with an empty message; its code says what happened.
  const code = (error as { code?: unknown }).code;
  const text = error.message || (typeof code === 'string' ? code : error.name);
  return text.split('\n')[0];
}
