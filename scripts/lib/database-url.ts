import path from 'node:path';
import { db } from '@/lib/db/client';
import { openEmbeddedDatabase } from '@/lib/db/embedded';
import { checkDatabaseReachable, type PrepareDatabaseResult, prepareDatabase } from '@/lib/db/prepare-database';

/**
 * Runs `fn` against DATABASE_URL when set; otherwise against the embedded database under .data/,
 * on the server a running command (say `npm run demo`) serves, or on one this command starts and
 * stops around `fn`.
 */
export async function withDatabaseUrl<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const embedded = await openEmbeddedDatabase({ command: currentCommand(), whenHeld: 'connect' });
  process.env.DATABASE_URL = embedded.url;
  try {
    return await fn(embedded.url);
  } finally {
    await embedded.stop();
  }
}

/** How this process was started, as a person typed it: `npm run import`, or the script's path. */
export function currentCommand(): string {
  const script = process.env.npm_lifecycle_event;
  if (script) return script === 'start' || script === 'test' ? `npm ${script}` : `npm run ${script}`;
  return path.relative(process.cwd(), process.argv[1] ?? 'node') || 'node';
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
