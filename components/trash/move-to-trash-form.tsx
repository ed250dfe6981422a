'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { moveToTrashAction, type TrashState } from '@/lib/trash/actions';
import styles from './trash.module.css';

/** The confirmation's button: on success the action goes on to the trash page. */
export function MoveToTrashForm({ articleId, version, label }: { articleId: string; version: number; label: string }) {
  const [state, action, pending] = useActionState<TrashState, FormData>(moveToTrashAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="articleId" value={articleId} />
      <input type="hidden" name="version" value={version} />
      {state && !state.ok && (
        <p className="alert error" role="alert">
          {state.error}
        </p>
      )}
      <div className={styles.actions}>
        <button type="submit" className="button danger" disabled={pending}>
          {pending ? '正在移到回收站…' : label}
        </button>
        <Link href={`/admin/articles/${articleId}`} className="button">
          取消
        </Link>
      </div>
    </form>
  );
}
