import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordProblem } from '@/lib/auth/password-policy';
import { createTestDatabase, type TestDatabase } from '../../scripts/lib/test-database';
import { expectNoStack, expectOneLineFailure, runScript } from './run-script';

// `npm run create-admin` is the first command a new installation runs against its own, empty
// PostgreSQL: it must apply the migrations itself, and answer every expected failure in one line.
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

async function query<T>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const createAdmin = (args: string[], env: Record<string, string | undefined> = {}) =>
  runScript('scripts/create-admin.ts', args, { DATABASE_URL: database.url, BAODA_ADMIN_PASSWORD: undefined, ...env });

describe('create-admin (CLI)', () => {
  it('creates the first administrator on a fresh database, migrating it first', async () => {
    const run = await createAdmin(['Admin@Example.com', '管理员']);
    expect(run.code, run.stderr).toBe(0);
    expectNoStack(run);
    expect(run.stderr).toMatch(/^Applied migrations: \d+_init/);
    expect(run.stdout).toMatch(/^Created administrator admin@example\.com\n/);
    const password = /^Password: (\S+)$/m.exec(run.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(passwordProblem(password, 'admin@example.com')).toBeNull();

    const users = await query<{ email: string; name: string; role: string }>('SELECT email, name, role FROM "User"');
    expect(users).toEqual([{ email: 'admin@example.com', name: '管理员', role: 'ADMIN' }]);
    const [{ count }] = await query<{ count: string }>('SELECT count(*) FROM "Region"');
    expect(Number(count)).toBeGreaterThan(3000);
  });

  it('refuses an e-mail already taken, in one line', async () => {
    const run = await createAdmin(['admin@example.com', '另一个'], { BAODA_ADMIN_PASSWORD: 'blue-kettle-on-the-hill' });
    expectOneLineFailure(run, /^该邮箱已被使用$/);
  });

  it('answers bad usage and refused input in one line, before touching the database', async () => {
    // An unreachable database: these must fail on the input, not on the connection.
    const env = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/none' };
    const [usage, badEmail, commonPassword] = await Promise.all([
      createAdmin(['only-an-email@example.com'], env),
      createAdmin(['not-an-email', '名字'], env),
      createAdmin(['b@example.com', '名字'], { ...env, BAODA_ADMIN_PASSWORD: 'Password1234' }),
    ]);
    expectOneLineFailure(usage, /^Usage: npm run create-admin -- <email> <name>$/);
    expectOneLineFailure(badEmail, /^请输入有效的邮箱地址$/);
    // The rest of the policy is unit-tested (lib/auth/password-policy.test.ts).
    expectOneLineFailure(commonPassword, /^BAODA_ADMIN_PASSWORD: 这个密码太常见，请换一个$/);
  });

  it('reports a wrong DATABASE_URL in one line', async () => {
    const missing = new URL(database.url);
    missing.pathname = `${missing.pathname}_missing`;
    const [refused, noDatabase, malformed] = await Promise.all([
      createAdmin(['c@example.com', '名字'], { DATABASE_URL: 'postgresql://postgres:secret@127.0.0.1:1/baoda' }),
      createAdmin(['c@example.com', '名字'], { DATABASE_URL: missing.toString() }),
      createAdmin(['c@example.com', '名字'], { DATABASE_URL: 'not a url' }),
    ]);
    expectOneLineFailure(refused, /^Cannot connect to the database at 127\.0\.0\.1:1\/baoda: .*ECONNREFUSED.*Check DATABASE_URL\.$/);
    expect(refused.stderr).not.toContain('secret');
    expectOneLineFailure(noDatabase, /^Cannot connect to the database at .*_missing: .*Check DATABASE_URL\.$/);
    expectOneLineFailure(malformed, /^Cannot connect to the database: Invalid URL\. Check DATABASE_URL\.$/);
  });
});
