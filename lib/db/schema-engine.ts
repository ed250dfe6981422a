import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import { pgConfigFromUrl } from './pg-config';

// Prisma's CLI downloads a native schema engine at start-up, which this workplace cannot do.
// The same engine ships as WebAssembly on npm; we drive it directly (see ../shared/PLATFORM.md).

const projectRoot = process.cwd();
export const schemaPath = path.join(projectRoot, 'prisma', 'schema.prisma');
export const migrationsDir = path.join(projectRoot, 'prisma', 'migrations');

const require = createRequire(path.join(projectRoot, 'package.json'));

type EngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

let enginePromise: Promise<EngineModule> | undefined;

function loadEngineModule(): Promise<EngineModule> {
  enginePromise ??= (async () => {
    const bg: EngineModule = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as { __wbindgen_start: () => void };
    (bg as unknown as { __wbg_set_wasm: (w: unknown) => void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return bg;
  })();
  return enginePromise;
}

export async function openSchemaEngine(databaseUrl: string | null, log: (line: string) => void = () => {}): Promise<SchemaEngine> {
  const bg = await loadEngineModule();
  const datamodel = await readFile(schemaPath, 'utf8');
  // Without a database (diff from an empty schema) the engine still wants an adapter; it never connects.
  const factory = new PrismaPg(pgConfigFromUrl(databaseUrl ?? 'postgresql://localhost/unused'));
  return bg.SchemaEngine.new(
    { datamodels: [[schemaPath, datamodel]] },
    (message: string) => log(message),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
}

export async function readMigrationsList(): Promise<MigrationList> {
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => ({
        path: dir,
        migrationFile: {
          path: 'migration.sql',
          content: { tag: 'ok' as const, value: await readFile(path.join(migrationsDir, dir, 'migration.sql'), 'utf8') },
        },
      })),
    ),
  };
}

export const noFilters = { externalTables: [], externalEnums: [] };

/** Prisma's SQL for creating prisma/schema.prisma on an empty database (pg_trgm included). */
export async function schemaSqlFromEmpty(databaseUrl: string): Promise<string> {
  const engine = await openSchemaEngine(databaseUrl);
  try {
    const { stdout } = await engine.diff({
      from: { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    // pg_trgm is written by hand so that later diffs do not repeat it (../shared/PLATFORM.md).
    return `CREATE EXTENSION IF NOT EXISTS pg_trgm;\n\n${stdout ?? ''}`;
  } finally {
    engine.free();
  }
}
