import { execFileSync } from 'node:child_process';

export default function globalSetup() {
  if (!process.env.DATABASE_URL) throw new Error('Run the e2e tests through `npm test` (it creates the test database).');
  execFileSync('node_modules/.bin/tsx', ['e2e/seed.ts'], { stdio: 'inherit' });
}
