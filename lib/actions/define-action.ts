import 'server-only';
import { z } from 'zod';
import { failureResult, invalidResult, type ActionFailure, type ActionResult } from '@/lib/action-result';
import type { Permission } from '@/lib/auth/permissions';
import { authorize, type SignedInUser } from '@/lib/auth/session';

/**
 * Who may run an action: a permission of the shared table (lib/auth/permissions.ts); the same
 * before a required second factor is set up (the account page's own actions, which are how one
 * sets it up); or 'public', for the few actions authorized by what they are given (sign-in by the
 * credentials, a password link by its token), which must check that themselves.
 */
export type ActionAccess = Permission | { permission: Permission; beforeTwoFactor: true } | 'public';

/** The signed-in user who runs the action; none for a public one. */
export type ActionActor<A extends ActionAccess> = A extends 'public' ? null : SignedInUser;

export type ActionOptions<T> = {
  /** How a form's FormData becomes the schema's input. Default: each field by its name (the last value of a repeated one, files as File). */
  form?: (formData: FormData) => unknown;
  /** The message shown on success: fixed, or made from what `run` returned. */
  message?: string | ((data: T) => string);
};

/**
 * A server action: a form's action for useActionState (called with the previous state and the
 * FormData) or called directly with its input (an object the schema accepts, or a FormData).
 */
export type DefinedAction<I, T> = {
  (input?: I | FormData): Promise<ActionResult<T>>;
  (previous: unknown, input: I | FormData): Promise<ActionResult<T>>;
};

/** An action that takes nothing (a button with no fields, or a call without arguments). */
export const noInput = z.unknown().transform((): undefined => undefined);

// zod's own messages, in Chinese, for the rules a schema gives no message of its own.
const { localeError } = z.locales.zhCN();

function readForm(formData: FormData): Record<string, FormDataEntryValue> {
  return Object.fromEntries(formData);
}

const NUL_MESSAGE = '内容包含无效的控制字符（NUL），请删除后重试';

/**
 * Whether any text in `value` holds NUL, which PostgreSQL's text and jsonb refuse: the write would
 * fail with a 500 wherever the action stores it. Iterative, and each object once (an action's
 * arguments may be deep, or refer to themselves).
 */
function holdsNul(value: unknown): boolean {
  const stack = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return true;
    } else if (typeof item === 'object' && item !== null && !(item instanceof Blob) && !seen.has(item)) {
      seen.add(item);
      for (const child of item instanceof FormData ? item.values() : Object.values(item)) stack.push(child);
    }
  }
  return false;
}

/** Refuses input holding NUL, naming each top-level field it is in (a form's field, beside it). */
function nulResult(input: unknown): ActionFailure | null {
  if (!holdsNul(input)) return null;
  const fields = typeof input === 'object' && input !== null ? Object.entries(input).filter(([, value]) => holdsNul(value)) : [];
  return { ok: false, code: 'INVALID', error: NUL_MESSAGE, fieldErrors: Object.fromEntries(fields.map(([name]) => [name, [NUL_MESSAGE]])) };
}

/**
 * Defines a server action the one way: authorize on the server by the shared policy (authorize),
 * refuse text holding NUL, parse the input with `schema`, then `run` with the actor and the parsed
 * input. The result is an ActionResult: a refused input comes back as INVALID with every message
 * in `error` and each field's in `fieldErrors`; an AppError as its message and code; anything else
 * (a bug, Next's redirect() or notFound()) rethrows.
 *
 * Authorization comes first: someone who may not run the action learns nothing about its input.
 */
export function defineAction<const A extends ActionAccess, S extends z.ZodType, T>(
  access: A,
  schema: S,
  run: (context: { actor: ActionActor<A>; input: z.output<S> }) => Promise<T>,
  options: ActionOptions<T> = {},
): DefinedAction<z.input<S>, T> {
  const action = async (...args: unknown[]): Promise<ActionResult<T>> => {
    const raw = args.length > 1 ? args[1] : args[0];
    try {
      const actor = (
        access === 'public'
          ? null
          : typeof access === 'string'
            ? await authorize(access)
            : await authorize(access.permission, { beforeTwoFactor: access.beforeTwoFactor })
      ) as ActionActor<A>;
      const input = raw instanceof FormData ? (options.form ?? readForm)(raw) : raw;
      const refused = nulResult(input);
      if (refused) return refused;
      const parsed = await schema.safeParseAsync(input, { error: localeError });
      if (!parsed.success) return invalidResult(parsed.error);
      const data = await run({ actor, input: parsed.data });
      return { ok: true, data, message: typeof options.message === 'function' ? options.message(data) : options.message };
    } catch (error) {
      return failureResult(error);
    }
  };
  return action as DefinedAction<z.input<S>, T>;
}
