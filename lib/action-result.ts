import { isAppError } from './errors';

export type ActionResult<T = undefined> = { ok: true; data: T; message?: string } | { ok: false; error: string; code?: string };

/** Turns expected failures (AppError) into a result the form can show; anything else is a bug and rethrows. */
export async function toActionResult<T>(run: () => Promise<T>, message?: string): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await run(), message };
  } catch (error) {
    if (isAppError(error)) return { ok: false, error: error.message, code: error.code };
    throw error;
  }
}
