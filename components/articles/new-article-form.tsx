'use client';

import { useActionState } from 'react';
import { FieldError, invalidProps } from '@/components/ui/field-error';
import { createArticleAction, type CreateArticleState } from '@/lib/articles/actions';

export function NewArticleForm() {
  const [state, action, pending] = useActionState<CreateArticleState, FormData>(createArticleAction, null);
  return (
    <form action={action} style={{ maxWidth: 640 }}>
      <label htmlFor="new-title">标题</label>
      <input id="new-title" name="title" required maxLength={200} style={{ width: '100%' }} {...invalidProps(state, 'title', 'new-title')} />
      <FieldError state={state} name="title" id="new-title" />
      {state && !state.ok && (
        <p className="alert error" role="alert">
          {state.error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={pending} style={{ marginTop: 12 }}>
        创建草稿
      </button>
    </form>
  );
}
