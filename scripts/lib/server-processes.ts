import { z } from 'zod';

// How many processes serve the app (scripts/serve.ts): WEB_CONCURRENCY, the name hosting
// platforms use for it; 1 when unset.
const processCount = z.coerce.number().int().min(1).max(64);

export function serverProcessCount(env: Record<string, string | undefined> = process.env): number {
  const value = env.WEB_CONCURRENCY?.trim();
  if (!value) return 1;
  const parsed = processCount.safeParse(value);
  if (!parsed.success) throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to 64, not "${value}"`);
  return parsed.data;
}

/** This process's place among the server processes: 0 is the first (or only) one, which also runs the background jobs. */
export function serverProcessIndex(env: Record<string, string | undefined> = process.env): number {
  return Number(env.SERVER_PROCESS_INDEX ?? 0);
}
