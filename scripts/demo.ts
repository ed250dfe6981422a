// npm run demo — the quick start: embedded database with sample content and demo logins,
// migrations applied, a production build, and the app at http://localhost:3000.
import { spawn } from 'node:child_process';
import { startEmbeddedDatabase } from '@/lib/db/embedded';
import { db } from '@/lib/db/client';
import { prepareDatabase } from '@/lib/db/prepare-database';
import { seedDemo } from '@/lib/seed/seed-demo';
import { ensureAuthSecret } from './lib/auth-secret';
import { buildIsStale, nextBin, run } from './lib/next-build';
import { serveArgs } from './lib/node-heap';

if (process.env.DATABASE_URL) {
  console.error('npm run demo always uses the embedded database; unset DATABASE_URL, or use `npm start` for your own PostgreSQL.');
  process.exit(1);
}

const port = Number(process.env.PORT ?? 3000);
await ensureAuthSecret();
const database = await startEmbeddedDatabase();
process.env.DATABASE_URL = database.url;

const { appliedMigrations } = await prepareDatabase(database.url, db);
if (appliedMigrations.length) console.log(`Applied migrations: ${appliedMigrations.join(', ')}`);
const logins = await seedDemo(db);
await db.$disconnect();

if (await buildIsStale()) {
  console.log('Building the app (first run or sources changed)…');
  await run(nextBin(), ['build']);
}

const server = spawn(process.execPath, serveArgs, { stdio: 'inherit', env: { ...process.env, PORT: String(port) } });
console.log(`\n保答 CMS: http://localhost:${port}  (admin: http://localhost:${port}/admin)`);
console.log('Demo logins (embedded demo database only):');
for (const login of logins) console.log(`  ${login.role.padEnd(8)} ${login.email}  ${login.password}`);
console.log('');

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  server.kill('SIGTERM');
  await database.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
server.on('exit', (code) => void stop(code ?? 0));
