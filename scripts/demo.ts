// npm run demo — the quick start: embedded database with sample content and demo logins,
// migrations applied, a production build, and the app at http://localhost:3000.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { db } from '@/lib/db/client';
import { openEmbeddedDatabase } from '@/lib/db/embedded';
import { prepareDatabase } from '@/lib/db/prepare-database';
import { seedDemo } from '@/lib/seed/seed-demo';
import { ensureAuthSecret } from './lib/auth-secret';
import { buildIsStale, nextBin, run } from './lib/next-build';
import { serveArgs } from './lib/node-heap';
import { expectedErrorMessage } from './lib/run-cli';

if (process.env.DATABASE_URL) {
  console.error('npm run demo always uses the embedded database; unset DATABASE_URL, or use `npm start` for your own PostgreSQL.');
  process.exit(1);
}

const port = Number(process.env.PORT ?? 3000);
await ensureAuthSecret();
// The demo runs the server on .data/ itself and stops it on exit, so it never shares one that
// another command started (which would stop it under the demo's feet).
const database = await openEmbeddedDatabase({ command: 'npm run demo', whenHeld: 'refuse' }).catch((error: unknown) => {
  const message = expectedErrorMessage(error);
  if (message === null) throw error;
  console.error(message);
  process.exit(1);
});
process.env.DATABASE_URL = database.url;
console.log('Embedded PostgreSQL: data in .data/postgres/ (log: .data/postgres/server.log)');

let server: ChildProcess | null = null;
let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  // The app first, so that it closes its connections before the database shuts down.
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
  await database.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  const { appliedMigrations } = await prepareDatabase(database.url, db);
  if (appliedMigrations.length) console.log(`Applied migrations: ${appliedMigrations.join(', ')}`);
  const logins = await seedDemo(db);
  await db.$disconnect();

  if (await buildIsStale()) {
    console.log('Building the app (first run or sources changed)…');
    await run(nextBin(), ['build']);
  }

  server = spawn(process.execPath, serveArgs, { stdio: 'inherit', env: { ...process.env, PORT: String(port) } });
  server.on('exit', (code) => void stop(code ?? 0));
  console.log(`\n保答 CMS: http://localhost:${port}  (admin: http://localhost:${port}/admin)`);
  console.log('Demo logins (embedded demo database only):');
  for (const login of logins) console.log(`  ${login.role.padEnd(8)} ${login.email}  ${login.password}`);
  console.log('');
} catch (error) {
  console.error(error);
  await stop(1);
}
