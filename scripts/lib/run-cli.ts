import { ZodError } from 'zod';
import { EmbeddedDatabaseHeldError, LegacyEmbeddedDataError } from '@/lib/db/embedded';
import { DatabaseUnreachableError } from '@/lib/db/prepare-database';
import { isAppError } from '@/lib/errors';

/** A mistake in how a command was called or configured; its message is printed as is. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The one-line message for an expected failure, or null for a bug (which keeps its stack). */
export function expectedErrorMessage(error: unknown): string | null {
  if (error instanceof UsageError || error instanceof DatabaseUnreachableError) return error.message;
  if (error instanceof EmbeddedDatabaseHeldError || error instanceof LegacyEmbeddedDataError) return error.message;
  if (isAppError(error)) return error.message;
  if (error instanceof ZodError) return error.issues.map((issue) => issue.message).join('; ');
  return null;
}

/**
 * Runs a command's body. Expected failures (usage, an unreachable database, input the app refuses)
 * print one line on stderr and set exit status 1; the body's own `finally` blocks still run, so
 * connections and an embedded database are closed. Anything else is rethrown with its stack.
 */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const message = expectedErrorMessage(error);
    if (message === null) throw error;
    console.error(message);
    process.exitCode = 1;
  }
}
