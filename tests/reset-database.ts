import { db } from '@/lib/db/client';

/**
 * Empties every table but the region data and the migration history, and drops every queued or
 * finished job from pg-boss's queue if it has been installed (test databases only).
 */
export async function resetDatabase(): Promise<void> {
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables
    WHERE schemaname = 'public' AND tablename NOT IN ('Region', '_prisma_migrations')`;
  if (tables.length) await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
  const [queue] = await db.$queryRaw<{ installed: boolean }[]>`SELECT to_regclass('pgboss.job') IS NOT NULL AS installed`;
  if (queue.installed) await db.$executeRawUnsafe('TRUNCATE pgboss.job, pgboss.archive');
}
