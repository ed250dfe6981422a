'use client';

import { useActionState } from 'react';
import { ActionMessage } from '@/components/account/account-forms';
import { FieldError, invalidProps } from '@/components/ui/field-error';
import { useFormAction } from '@/components/ui/use-form-action';
import type { ActionResult } from '@/lib/action-result';
import { deleteSynonymGroupAction, saveSynonymGroupAction } from '@/lib/search/actions';

/** Adds a group (no id) or edits one. */
export function SynonymGroupForm({ id, terms }: { id?: string; terms?: string[] }) {
  const { state, formAction, pending, typed } = useFormAction<ActionResult<unknown> | null>(saveSynonymGroupAction, null);
  const fieldId = `synonyms-${id ?? 'new'}`;
  return (
    <form action={formAction}>
      {id && <input type="hidden" name="id" value={id} />}
      <label htmlFor={fieldId}>{id ? '同义词' : '新的同义词组'}</label>
      <input
        id={fieldId}
        name="terms"
        defaultValue={typed('terms', terms?.join('、') ?? '')}
        placeholder="如：居民医保、城乡居民基本医疗保险"
        maxLength={500}
        required
        {...invalidProps(state, 'terms', fieldId)}
      />
      <FieldError state={state} name="terms" id={fieldId} />
      <button type="submit" className="button primary" disabled={pending}>
        {id ? '保存' : '添加'}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}

export function DeleteSynonymGroupButton({ id, label }: { id: string; label: string }) {
  const [state, action, pending] = useActionState<ActionResult<unknown> | null, FormData>(deleteSynonymGroupAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button danger" disabled={pending} aria-label={`删除同义词组：${label}`}>
        删除
      </button>
      {state && !state.ok && (
        <span role="alert" className="error-text">
          {state.error}
        </span>
      )}
    </form>
  );
}
