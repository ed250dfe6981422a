import { findRunningEmbeddedDatabase, startEmbeddedDatabase } from '@/lib/db/embedded';

/**
 * Runs `fn` against DATABASE_URL when set; otherwise against the embedded database, reusing the
 * one a running `npm run demo` serves, or opening the data folder for the duration of `fn`.
 */
export async function withDatabaseUrl<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const running = await findRunningEmbeddedDatabase();
  if (running) {
    process.env.DATABASE_URL = running;
    return fn(running);
  }
  const embedded = await startEmbeddedDatabase();
  process.env.DATABASE_URL = embedded.url;
  try {
    return await fn(embedded.url);
  } finally {
    await embedded.stop();
  }
}
