import { noFilters, openSchemaEngine, readMigrationsList } from './schema-engine';

/** `prisma migrate deploy` without the native engine: applies pending migrations, keeps `_prisma_migrations`. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const { engine, close } = await openSchemaEngine(databaseUrl);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: await readMigrationsList(),
      filters: noFilters,
    });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}
