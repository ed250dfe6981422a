import type { ActionResult } from '@/lib/action-result';

// A refused field's messages beside the field (the action's fieldErrors, lib/action-result.ts),
// tied to it for assistive technology: aria-invalid, and aria-describedby naming the message.
// The form's summary (role="alert") announces the refusal; these are read with their field.

type State = ActionResult<unknown> | null | undefined;

/** The messages of field `name` in the last result, when it refused the form. */
export function fieldMessages(state: State, name: string): string[] {
  return (state && !state.ok && state.fieldErrors?.[name]) || [];
}

export function fieldErrorId(id: string): string {
  return `${id}-error`;
}

/** The props that mark input `id` (field `name`) invalid and describe it by its message and its hint, if any. */
export function invalidProps(state: State, name: string, id: string, hintId?: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  const invalid = fieldMessages(state, name).length > 0;
  const describedBy = [invalid ? fieldErrorId(id) : null, hintId].filter(Boolean).join(' ');
  return { ...(invalid ? { 'aria-invalid': true } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) };
}

/** The messages of field `name`, for beside input `id`; nothing when the field was accepted. */
export function FieldError({ state, name, id }: { state: State; name: string; id: string }) {
  const messages = fieldMessages(state, name);
  if (messages.length === 0) return null;
  return (
    <p id={fieldErrorId(id)} className="field-error">
      {messages.join('；')}
    </p>
  );
}
