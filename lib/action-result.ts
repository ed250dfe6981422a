import { ZodError } from 'zod';
import { isAppError } from './errors';

export type ActionResult<T = undefined> = { ok: true; data: T; message?: string } | { ok: false; error: string; code?: string };

/**
 * Turns expected failures into a result the form can show: an AppError, or a form field zod
 * refused (every message, so the user sees all that is wrong at once). Anything else is a bug and
 * rethrows.
 */
export async function toActionResult<T>(run: () => Promise<T>, message?: string): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await run(), message };
  } catch (error) {
    if (isAppError(error)) return { ok: false, error: error.message, code: error.code };
    if (error instanceof ZodError) return { ok: false, error: error.issues.map((i) => i.message).join('；') || '请求无效', code: 'INVALID' };
    throw error;
  }
}
