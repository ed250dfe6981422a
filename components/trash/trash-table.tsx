'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { formatDateTime } from '@/lib/dates';
import { deletePermanentlyAction, restoreFromTrashAction, type TrashState } from '@/lib/trash/actions';
import type { TrashRow } from '@/lib/trash/queries';
import { statusLabels } from '@/lib/workflow/transitions';
import styles from './trash.module.css';

function deleteQuestion(row: TrashRow): string {
  const linked = row.linkedFrom > 0 ? `另有 ${row.linkedFrom} 篇文章的相关推荐链接到它，删除后这些推荐变为不带链接的卡片。` : '';
  return `永久删除《${row.title}》及其全部 ${row.revisions} 个版本？${linked}此操作无法撤销。`;
}

/**
 * The trash's entries with what the user may do to each. The outcome of an action is shown above
 * the table, which stays when the entry leaves it.
 */
export function TrashTable({ rows }: { rows: TrashRow[] }) {
  const [restoreState, restore, restoring] = useActionState<TrashState, FormData>(restoreFromTrashAction, null);
  const [deleteState, remove, deleting] = useActionState<TrashState, FormData>(deletePermanentlyAction, null);
  const busy = restoring || deleting;
  return (
    <>
      {restoreState?.ok && (
        <p className="alert success" role="status">
          {restoreState.message}：<Link href={`/admin/articles/${restoreState.data.articleId}`}>{restoreState.data.title}</Link>
        </p>
      )}
      {deleteState?.ok && (
        <p className="alert success" role="status">
          {deleteState.message}：{deleteState.data.title}
        </p>
      )}
      {[restoreState, deleteState].map((state, i) =>
        state && !state.ok ? (
          <p key={i} className="alert error" role="alert">
            {state.error}
          </p>
        ) : null,
      )}
      {rows.length > 0 && (
        <table className="data" aria-label="回收站">
          <thead>
            <tr>
              <th>标题</th>
              <th>状态</th>
              <th>创建人</th>
              <th>移入人</th>
              <th>移入时间</th>
              <th>自动删除</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="trash-row">
                <td>
                  {row.title}
                  <span className={`muted ${styles.slug}`}>{row.slug}</span>
                </td>
                <td className={styles.nowrap}>
                  {statusLabels[row.status]}
                  {row.wasLive && <span className="muted">（曾发布）</span>}
                </td>
                <td>{row.createdBy ?? <span className="muted">—</span>}</td>
                <td>{row.deletedBy ?? <span className="muted">—</span>}</td>
                <td className={styles.nowrap}>{formatDateTime(new Date(row.deletedAt))}</td>
                <td className={styles.nowrap}>{row.purgeDue ? '下次清理时（每小时）' : `${formatDateTime(new Date(row.purgeAt))} 后`}</td>
                <td>
                  <div className={styles.actions}>
                    {row.canRestore && (
                      <form action={restore}>
                        <input type="hidden" name="articleId" value={row.id} />
                        <button type="submit" className="button" disabled={busy} aria-label={`恢复：${row.title}`}>
                          恢复
                        </button>
                      </form>
                    )}
                    {row.canDelete && (
                      <form
                        action={remove}
                        onSubmit={(event) => {
                          if (!window.confirm(deleteQuestion(row))) event.preventDefault();
                        }}
                      >
                        <input type="hidden" name="articleId" value={row.id} />
                        <button type="submit" className="button danger" disabled={busy} aria-label={`永久删除：${row.title}`}>
                          永久删除
                        </button>
                      </form>
                    )}
                    {!row.canRestore && !row.canDelete && <span className="muted small">只有管理员或把它移到回收站的人可以恢复</span>}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
