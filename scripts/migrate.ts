// npm run db:migrate — apply pending migrations and load the region data (both idempotent)
// to DATABASE_URL, or to the embedded database when it is not set.
import { db } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { loadRegions } from '@/lib/regions/load-regions';
import { withDatabaseUrl } from './lib/database-url';

await withDatabaseUrl(async (url) => {
  const applied = await applyMigrations(url);
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.');
  const { count } = await loadRegions(db);
  console.log(`Regions: ${count}`);
  await db.$disconnect();
});
