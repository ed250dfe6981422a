import { z } from 'zod';
import { isAppError } from './errors';

/** Each refused form field's messages, by the field's name (its top-level key in the schema). */
export type FieldErrors = Partial<Record<string, string[]>>;

export type ActionFailure = { ok: false; error: string; code?: string; fieldErrors?: FieldErrors };
export type ActionResult<T = undefined> = { ok: true; data: T; message?: string } | ActionFailure;

/**
 * What a form shows when zod refused its input: every message at once, in a summary, and each
 * field's messages for beside the field (z.flattenError). A message that names no field (a rule
 * over several fields without a path) is in the summary only.
 */
export function invalidResult(error: z.ZodError): ActionFailure {
  const { fieldErrors } = z.flattenError(error);
  const messages = [...new Set(error.issues.map((issue) => issue.message))];
  return { ok: false, error: messages.join('；') || '请求无效', code: 'INVALID', fieldErrors };
}

/**
 * The result for an expected failure: an AppError, or a form zod refused (invalidResult).
 * Anything else is a bug and rethrows, as do Next's redirect() and notFound().
 */
export function failureResult(error: unknown): ActionFailure {
  if (isAppError(error)) return { ok: false, error: error.message, code: error.code };
  if (error instanceof z.ZodError) return invalidResult(error);
  throw error;
}
