// npm test — every test: the house rules (oxlint with the import boundaries, Prettier's check),
// the type check, unit and integration (Vitest) against a fresh database, the integration suite
// once more on the embedded PostgreSQL when the first run had the machine's (at the same time:
// the runs wait on their databases more than on the cores), then the Playwright journeys in
// Chromium against a production build on the first database.
import { spawn } from 'node:child_process';
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
  const onEmbedded = database.kind.startsWith('embedded') ? null : runIntegrationOnEmbedded();
  const firstFailure = await run('node_modules/.bin/vitest', ['run'], env).then(
    () => null,
    (error: Error) => error,
  );
  // Its output comes after the first run's, in one piece.
  const second = await onEmbedded;
  if (second) console.log(second.output);
  if (firstFailure) throw firstFailure;
  if (second && !second.ok) throw new Error('The integration tests failed on the embedded PostgreSQL (above).');
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

/**
 * The integration suite on the engine `npm run demo` and the CLI use (PostgreSQL 18, embedded), on
 * a server of its own; resolves (never rejects) with what it printed.
 */
async function runIntegrationOnEmbedded(): Promise<{ ok: boolean; output: string }> {
  let output = '';
  try {
    const embedded = await createTestDatabase({ embedded: true });
    output += `Integration tests again on: ${embedded.kind}\n`;
    const embeddedEnv = { ...env, DATABASE_URL: embedded.url, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' };
    try {
      for (const [command, args] of [
        ['node_modules/.bin/tsx', ['scripts/migrate.ts']],
        ['node_modules/.bin/vitest', ['run', 'tests/integration']],
      ] as const) {
        const code = await new Promise<number | null>((resolve, reject) => {
          const child = spawn(command, args, { env: embeddedEnv, stdio: ['ignore', 'pipe', 'pipe'] });
          child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
          child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
          child.once('error', reject);
          child.once('close', resolve);
        });
        if (code !== 0) return { ok: false, output: `${output}\n${command} ${args.join(' ')} exited with ${code}` };
      }
      return { ok: true, output };
    } finally {
      await embedded.drop();
    }
  } catch (error) {
    return { ok: false, output: `${output}\n${(error as Error).stack}` };
  }
}
