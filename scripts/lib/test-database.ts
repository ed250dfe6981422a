import pg from 'pg';
import { startEphemeralDatabase } from '@/lib/db/embedded';
import { portAnswers } from '@/lib/net/ports';

export type TestDatabase = { url: string; kind: string; drop: () => Promise<void> };

/** The machine's PostgreSQL to create test databases on: TEST_DATABASE_ADMIN_URL, or 127.0.0.1:5432 if it answers. */
export async function machineAdminUrl(): Promise<string | null> {
  return process.env.TEST_DATABASE_ADMIN_URL ?? ((await portAnswers(5432)) ? 'postgresql://postgres@127.0.0.1:5432/postgres' : null);
}

/**
 * A fresh database for one test run: on the server of `on` (a database URL whose role may create
 * databases) when given, else on the machine's PostgreSQL when there is one (see machineAdminUrl),
 * otherwise (or with `embedded`) on a throwaway embedded PostgreSQL server.
 */
export async function createTestDatabase({ embedded = false, on }: { embedded?: boolean; on?: string } = {}): Promise<TestDatabase> {
  const adminUrl = on ?? (embedded ? null : await machineAdminUrl());
  if (!adminUrl) {
    const server = await startEphemeralDatabase();
    return { url: server.url, kind: 'embedded PostgreSQL (temporary)', drop: server.stop };
  }
  return createDatabaseOn(adminUrl);
}

/** A fresh database on the server that `adminUrl` (a superuser's connection) reaches; `drop` removes it. */
export async function createDatabaseOn(adminUrl: string): Promise<TestDatabase> {
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
