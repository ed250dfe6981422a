import pg from 'pg';
import { portAnswers, startEmbeddedDatabase } from '@/lib/db/embedded';

export type TestDatabase = { url: string; kind: string; drop: () => Promise<void> };

/**
 * A fresh database for one test run: on the machine's PostgreSQL when one answers on
 * 127.0.0.1:5432 (or TEST_DATABASE_ADMIN_URL), otherwise an in-memory embedded PGlite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? ((await portAnswers(5432)) ? 'postgresql://postgres@127.0.0.1:5432/postgres' : null);
  if (!adminUrl) {
    const embedded = await startEmbeddedDatabase({ dataDir: null });
    return { url: embedded.url, kind: 'embedded PGlite (in memory)', drop: embedded.stop };
  }
  const name = `baoda_test_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: `PostgreSQL ${url.host} (database ${name})`,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
