// npm run -s db:schema-sql — prints Prisma's SQL for building prisma/schema.prisma from nothing.
// Migrations are written by hand from the part of it that changed (Prisma's diff against the
// existing migrations needs a shadow database its CLI would download an engine for); the test
// tests/integration/schema-drift.test.ts proves that the migrations build exactly this schema.
import { schemaSqlFromEmpty } from '@/lib/db/schema-engine';
import { withDatabaseUrl } from './lib/database-url';

process.stdout.write(await withDatabaseUrl((url) => schemaSqlFromEmpty(url)));
