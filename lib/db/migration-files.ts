import { readdir } from 'node:fs/promises';
import path from 'node:path';

// Where the hand-written migrations live. Kept apart from schema-engine.ts so that checking
// whether any are pending does not load the engine's module.

export const migrationsDir = path.join(process.cwd(), 'prisma', 'migrations');

/** The migration folders' names in the order they apply (each starts with its timestamp); none when the folder is missing. */
export async function readMigrationNames(): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
