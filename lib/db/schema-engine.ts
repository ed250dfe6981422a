import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import { migrationsDir, readMigrationNames } from './migration-files';
import { pgConfigFromUrl } from './pg-config';

// Prisma's CLI downloads a native schema engine at start-up, which this workplace cannot do.
// The same engine ships as WebAssembly on npm; we drive it directly (see ../shared/PLATFORM.md).

const projectRoot = process.cwd();
export const schemaPath = path.join(projectRoot, 'prisma', 'schema.prisma');

const require = createRequire(path.join(projectRoot, 'package.json'));

type EngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

// The glue module holds the one wasm instance it was given, so the instance is per process even
// if this file is evaluated again (a fresh module graph in tests): a second one would corrupt the first.
const globalForEngine = globalThis as unknown as { baodaSchemaEngine?: Promise<EngineModule> };

function loadEngineModule(): Promise<EngineModule> {
  globalForEngine.baodaSchemaEngine ??= (async () => {
    const bg: EngineModule = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': withUnrefTimers(bg as unknown as WebAssembly.ModuleImports),
    });
    const exports = instance.exports as { __wbindgen_start: () => void };
    (bg as unknown as { __wbg_set_wasm: (w: unknown) => void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return bg;
  })();
  return globalForEngine.baodaSchemaEngine;
}

// The engine starts a 10 s timer on every operation (a timeout race) and never clears it, which
// kept every CLI alive for 10 s after its work was done. Its timers are unref'd: while the engine
// works, its open database connections keep the process alive anyway.
function withUnrefTimers(imports: WebAssembly.ModuleImports): WebAssembly.ModuleImports {
  const wrapped: WebAssembly.ModuleImports = { ...imports };
  for (const [name, value] of Object.entries(imports)) {
    if (!name.startsWith('__wbg_setTimeout_') || typeof value !== 'function') continue;
    wrapped[name] = (...args: unknown[]) => {
      const timer = value(...args);
      timer?.unref?.();
      return timer;
    };
  }
  return wrapped;
}

export type OpenSchemaEngine = { engine: SchemaEngine; close: () => Promise<void> };

/** Opens the engine; `close()` frees it and ends the database connections it opened. */
export async function openSchemaEngine(databaseUrl: string | null, log: (line: string) => void = () => {}): Promise<OpenSchemaEngine> {
  const bg = await loadEngineModule();
  const datamodel = await readFile(schemaPath, 'utf8');
  // Without a database (diff from an empty schema) the engine still wants an adapter; it never connects.
  const pg = new PrismaPg(pgConfigFromUrl(databaseUrl ?? 'postgresql://localhost/unused'));
  // The engine never disposes the adapters it connects, and each holds a pg pool whose idle
  // connections kept every CLI alive for another 10 s; we track them and end them in close().
  const opened: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter) => {
    opened.push(adapter);
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: pg.provider,
    adapterName: pg.adapterName,
    connect: async () => track(await pg.connect()),
    connectToShadowDb: async () => track(await pg.connectToShadowDb()),
  };
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[schemaPath, datamodel]] },
    (message: string) => log(message),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await Promise.all(opened.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}

export async function readMigrationsList(): Promise<MigrationList> {
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  const dirs = await readMigrationNames();
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
  const { engine, close } = await openSchemaEngine(databaseUrl);
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
    await close();
  }
}
