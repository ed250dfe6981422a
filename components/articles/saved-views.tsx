'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FieldError, invalidProps } from '@/components/ui/field-error';
import { useFormAction } from '@/components/ui/use-form-action';
import { createSavedViewAction, deleteSavedViewAction, type SavedViewState } from '@/lib/articles/saved-view-actions';
import type { SavedViewItem } from '@/lib/articles/saved-views';

// The saved views above the article table: each a link with its count, and a form that saves
// the table's current filters and sort under a name.
export function SavedViews({ views, currentQuery, canShare }: { views: SavedViewItem[]; currentQuery: string; canShare: boolean }) {
  const { state, formAction: save, pending, typed } = useFormAction<SavedViewState>(createSavedViewAction, null);
  const current = currentQuery ? `/admin/articles?${currentQuery}` : '/admin/articles';
  return (
    <section aria-label="保存的视图" style={{ marginBottom: 12 }}>
      {views.length > 0 && (
        <ul aria-label="视图" style={{ listStyle: 'none', padding: 0, margin: '0 0 8px', display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {views.map((view) => (
            <li key={view.id} className="badge" style={{ display: 'inline-flex', gap: 6, alignItems: 'center', fontWeight: view.href === current ? 700 : 400 }}>
              <Link href={view.href} aria-current={view.href === current ? 'page' : undefined}>
                {view.name}（{view.countIsEstimate ? '约 ' : ''}
                {view.count.toLocaleString('zh-CN')}）
              </Link>
              {view.shared && (
                <span className="muted" title={`由 ${view.ownerName} 共享`}>
                  共享
                </span>
              )}
              {(view.mine || (view.shared && canShare)) && <DeleteViewButton id={view.id} name={view.name} />}
            </li>
          ))}
        </ul>
      )}
      <form action={save} aria-label="保存当前视图" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <input type="hidden" name="query" value={currentQuery} />
        <label htmlFor="saved-view-name" style={{ margin: 0 }}>
          将当前筛选和排序保存为视图
        </label>
        <input
          id="saved-view-name"
          name="name"
          maxLength={40}
          placeholder="视图名称"
          required
          defaultValue={typed('name', '')}
          {...invalidProps(state, 'name', 'saved-view-name')}
        />
        <FieldError state={state} name="name" id="saved-view-name" />
        {canShare && (
          <label style={{ margin: 0, fontWeight: 400 }}>
            <input type="checkbox" name="shared" /> 共享给所有人
          </label>
        )}
        <button type="submit" className="button" disabled={pending}>
          保存视图
        </button>
        {state && !state.ok && (
          <span className="alert error" role="alert" style={{ margin: 0 }}>
            {state.error}
          </span>
        )}
        {state?.ok && (
          <span className="alert success" role="status" style={{ margin: 0 }}>
            {state.message}
          </span>
        )}
      </form>
    </section>
  );
}

function DeleteViewButton({ id, name }: { id: string; name: string }) {
  const [state, remove, pending] = useActionState<SavedViewState, FormData>(deleteSavedViewAction, null);
  return (
    <form action={remove} style={{ display: 'inline' }}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" aria-label={`删除视图 ${name}`} disabled={pending} style={{ all: 'unset', cursor: 'pointer' }}>
        ×
      </button>
      {state && !state.ok && (
        <span role="alert" className="error-text">
          {state.error}
        </span>
      )}
    </form>
  );
}
