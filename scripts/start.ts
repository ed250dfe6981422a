// npm start — production: your PostgreSQL (DATABASE_URL), migrations applied on start-up.
// No demo accounts or sample content are ever created here; use `npm run create-admin`.
import { spawn } from 'node:child_process';
import { db } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { loadRegions } from '@/lib/regions/load-regions';
import { clearDataCache, tsxBin } from './lib/next-build';

if (!process.env.DATABASE_URL || !process.env.AUTH_SECRET) {
  console.error('npm start needs DATABASE_URL and AUTH_SECRET (see README). For a local demo use `npm run demo`.');
  process.exit(1);
}
const applied = await applyMigrations(process.env.DATABASE_URL);
if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
await loadRegions(db);
await db.$disconnect();

await clearDataCache();
const server = spawn(tsxBin(), ['scripts/serve.ts'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
