// npm run db:migrate — apply pending migrations and load the region data (both idempotent)
// to DATABASE_URL, or to the embedded database when it is not set. The commands that need the
// schema (npm start, create-admin, import, export) do the same first; this one does only that.
import { withPreparedDatabase } from './lib/database-url';
import { runCli } from './lib/run-cli';

await runCli(async () => {
  // Migrations applied are listed on stderr by withPreparedDatabase.
  await withPreparedDatabase(async (_url, { appliedMigrations, regions }) => {
    if (!appliedMigrations.length) console.log('Database schema is up to date.');
    console.log(`Regions: ${regions.count}`);
  });
});
