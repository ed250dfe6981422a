import { db } from '@/lib/db/client';
import { findRunningEmbeddedDatabase, startEmbeddedDatabase } from '@/lib/db/embedded';
import { checkDatabaseReachable, type PrepareDatabaseResult, prepareDatabase } from '@/lib/db/prepare-database';

/**
 * Runs `fn` against DATABASE_URL when set; otherwise against the embedded database, reusing the
 * one a running `npm run demo` serves, or opening the data folder for the duration of `fn`.
 */
export async function withDatabaseUrl<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const running = await findRunningEmbeddedDatabase();
  if (running) {
    process.env.DATABASE_URL = running;
    return fn(running);
  }
  const embedded = await startEmbeddedDatabase();
  process.env.DATABASE_URL = embedded.url;
  try {
    return await fn(embedded.url);
  } finally {
    await embedded.stop();
  }
}

/**
 * `withDatabaseUrl`, with the database made ready first (pending migrations, region data; see
 * prepareDatabase), so that a command works on a fresh database. A database that cannot be
 * reached fails with DatabaseUnreachableError (one line, see run-cli.ts). Migrations applied are
 * reported on stderr, as stdout may be the command's data (export, import --json). The app's
 * client is disconnected afterwards.
 */
export async function withPreparedDatabase<T>(fn: (url: string, prepared: PrepareDatabaseResult) => Promise<T>): Promise<T> {
  return withDatabaseUrl(async (url) => {
    // Before anything touches `db`: with a malformed URL even creating the client throws.
    await checkDatabaseReachable(url);
    try {
      const prepared = await prepareDatabase(url, db);
      if (prepared.appliedMigrations.length) console.error(`Applied migrations: ${prepared.appliedMigrations.join(', ')}`);
      return await fn(url, prepared);
    } finally {
      await db.$disconnect();
    }
  });
}
