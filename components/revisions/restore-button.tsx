'use client';

import { useActionState } from 'react';
import { restoreVersionAction, type RestoreState } from '@/lib/revisions/actions';

/** Restores `version` as the new working copy, after a confirmation; says what happened. */
export function RestoreButton({ articleId, version, expectedVersion }: { articleId: string; version: number; expectedVersion: number }) {
  const [state, action, pending] = useActionState<RestoreState, FormData>(restoreVersionAction, null);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(`把版本 ${version} 恢复为新的工作版本？线上页面不会改变，直到它再次审核并发布。`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="articleId" value={articleId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="expectedVersion" value={expectedVersion} />
      <button type="submit" className="button" disabled={pending}>
        {pending ? '恢复中…' : `恢复版本 ${version}`}
      </button>
      {state && (
        <p role={state.ok ? 'status' : 'alert'} className={`alert ${state.ok ? 'success' : 'error'}`}>
          {state.ok ? `${state.message}：版本 ${state.data.version}` : state.error}
        </p>
      )}
    </form>
  );
}
