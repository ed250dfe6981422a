// npm start — production: your PostgreSQL (DATABASE_URL), migrations applied on start-up.
// No demo accounts or sample content are ever created here; use `npm run create-admin`.
import { spawn } from 'node:child_process';
import { withPreparedDatabase } from './lib/database-url';
import { serveArgs } from './lib/node-heap';
import { runCli, UsageError } from './lib/run-cli';

await runCli(async () => {
  if (!process.env.DATABASE_URL || !process.env.AUTH_SECRET) {
    throw new UsageError('npm start needs DATABASE_URL and AUTH_SECRET (see README). For a local demo use `npm run demo`.');
  }
  // Migrations applied are listed on stderr by withPreparedDatabase.
  await withPreparedDatabase(async () => {});

  const server = spawn(process.execPath, serveArgs, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
});
