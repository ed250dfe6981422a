// Generates the Prisma client without letting the CLI download a native engine it does not need
// for generation (../shared/PLATFORM.md).
import path from 'node:path';
import { run } from './lib/next-build';

await run(path.join('node_modules', '.bin', 'prisma'), ['generate'], {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? path.resolve('package.json'),
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
});
