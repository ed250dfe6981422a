import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliReport } from '@/lib/import/import-command';
import { createTestDatabase, type TestDatabase } from '../../scripts/lib/test-database';
import { expectNoStack, expectOneLineFailure, runScript } from './run-script';

// `npm run import` and `npm run export` on a database nothing has migrated yet: they apply the
// migrations themselves, and keep stdout for their data (the note about migrations is on stderr).
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

const page = path.join(process.cwd(), 'prisma', 'sample-pages', '000_f9d22c9b16a877c9.txt');

describe('import and export (CLI) on a fresh database', () => {
  it('import migrates first and prints only its JSON report on stdout; export then prints only NDJSON', async () => {
    const imported = await runScript('scripts/import.ts', ['--json', page], { DATABASE_URL: database.url });
    expect(imported.code, imported.stderr).toBe(0);
    expectNoStack(imported);
    expect(imported.stderr).toMatch(/^Applied migrations: \d+_init/);
    const report = JSON.parse(imported.stdout) as CliReport;
    expect(report.totals).toMatchObject({ created: 1, failed: 0 });

    const exported = await runScript('scripts/export.ts', [], { DATABASE_URL: database.url });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toBe('Exported 1 article.\n');
    const lines = exported.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ format: 'baoda-articles' });
  });

  it('reports an unreachable database in one line', async () => {
    const env = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/baoda' };
    const [imported, exported] = await Promise.all([runScript('scripts/import.ts', [page], env), runScript('scripts/export.ts', [], env)]);
    expectOneLineFailure(imported, /^Cannot connect to the database at 127\.0\.0\.1:1\/baoda: .*Check DATABASE_URL\.$/);
    expectOneLineFailure(exported, /^Cannot connect to the database at 127\.0\.0\.1:1\/baoda: .*Check DATABASE_URL\.$/);
  });
});
