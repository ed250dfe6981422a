'use client';

import { useActionState, useState } from 'react';
import type { ActionResult } from '@/lib/action-result';

/**
 * useActionState for a form whose fields are uncontrolled (defaultValue), which also remembers
 * what was submitted: React resets such a form after its action, so after a refusal `typed(name,
 * fallback)` gives the field back what the person typed (to fix beside its message) instead of
 * the old value. After a success, or before any submission, it gives the fallback.
 */
export function useFormAction<S extends ActionResult<unknown> | null>(action: (previous: S, formData: FormData) => Promise<S>, initial: S) {
  const [submitted, setSubmitted] = useState<FormData | null>(null);
  const [state, formAction, pending] = useActionState<S, FormData>(async (previous, formData) => {
    setSubmitted(formData);
    return action(previous, formData);
  }, initial as Awaited<S>);
  const typed = (name: string, fallback: string): string => {
    const value = state && !state.ok ? submitted?.get(name) : null;
    return typeof value === 'string' ? value : fallback;
  };
  return { state, formAction, pending, typed };
}
