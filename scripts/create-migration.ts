// npm run db:migration -- <name> — writes prisma/migrations/<timestamp>_<name>/migration.sql
// from the difference between the existing migrations and prisma/schema.prisma.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withDatabaseUrl } from './lib/database-url';
import { migrationsDir, noFilters, openSchemaEngine, readMigrationsList, schemaPath } from '@/lib/db/schema-engine';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:migration -- <snake_case_name>');
  process.exit(1);
}

const list = await readMigrationsList();
if (list.migrationDirectories.length > 0) {
  // Diffing from existing migrations needs a shadow database; see README "Schema changes".
  console.error('Migrations exist already: write the next migration with `npm run db:migration:next`.');
  process.exit(1);
}

const engine = await withDatabaseUrl((url) => openSchemaEngine(url));
const { stdout } = await engine.diff({
  from: { tag: 'empty' },
  to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }] },
  script: true,
  exitCode: null,
  filters: noFilters,
});
engine.free();

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
// pg_trgm is written by hand so that later diffs do not repeat it (../shared/PLATFORM.md).
await writeFile(path.join(dir, 'migration.sql'), `CREATE EXTENSION IF NOT EXISTS pg_trgm;\n\n${stdout ?? ''}`);
await writeFile(path.join(migrationsDir, 'migration_lock.toml'), 'provider = "postgresql"\n');
console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
