// npm test — every test: the house rules (oxlint with the import boundaries, Prettier's check),
// the type check, unit and integration (Vitest) against a fresh database, the integration suite
// once more on the embedded PostgreSQL when the first run had the machine's, then the Playwright
// journeys in Chromium against a production build on the first database.
import { db } from '@/lib/db/client';
import { prepareDatabase } from '@/lib/db/prepare-database';
import { run } from './lib/next-build';
import { createTestDatabase } from './lib/test-database';

const database = await createTestDatabase();
console.log(`Test database: ${database.kind}`);
const env = { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: process.env.AUTH_SECRET ?? 'test-secret-not-for-production-0123456789' };
process.env.DATABASE_URL = database.url;

let failed = false;
try {
  await prepareDatabase(database.url, db);
  await db.$disconnect();
  await run('node_modules/.bin/oxlint', ['--deny-warnings', '--report-unused-disable-directives'], env);
  await run('node_modules/.bin/prettier', ['--check', '.', '--log-level', 'warn'], env);
  await run('node_modules/.bin/tsc', ['--noEmit'], env);
  await run('node_modules/.bin/vitest', ['run'], env);
  if (!database.kind.startsWith('embedded')) await runIntegrationOnEmbedded();
  if (!process.argv.includes('--no-e2e')) {
    // Without DATABASE_URL, as a deployment builds: a build must never need the database.
    const { DATABASE_URL: _database, ...buildEnv } = env;
    await run('node_modules/.bin/next', ['build'], buildEnv);
    await run('node_modules/.bin/playwright', ['test'], env);
  }
} catch (error) {
  console.error((error as Error).message);
  failed = true;
} finally {
  await database.drop();
}
process.exit(failed ? 1 : 0);

/** The integration suite on the engine `npm run demo` and the CLI use (PostgreSQL 18, embedded). */
async function runIntegrationOnEmbedded(): Promise<void> {
  const embedded = await createTestDatabase({ embedded: true });
  console.log(`Integration tests again on: ${embedded.kind}`);
  const embeddedEnv = { ...env, DATABASE_URL: embedded.url };
  try {
    await run('node_modules/.bin/tsx', ['scripts/migrate.ts'], embeddedEnv);
    await run('node_modules/.bin/vitest', ['run', 'tests/integration'], embeddedEnv);
  } finally {
    await embedded.drop();
  }
}
