import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/admin/page-header';
import { RestoreButton } from '@/components/revisions/restore-button';
import { roleHas } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/dates';
import { listRevisions, revisionOriginLabels } from '@/lib/revisions/queries';

export const metadata = { title: '历史版本' };

export default async function HistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('article:read-draft');
  const { id } = await params;
  const history = await listRevisions(id);
  if (!history) notFound();
  const canEdit = roleHas(user.role, 'article:edit');
  const compareHref = (from: number, to: number) => `/admin/articles/${id}/history/compare?from=${from}&to=${to}`;
  return (
    <>
      <PageHeader title={`历史版本：${history.title}`}>
        <Link href={`/admin/articles/${id}`} className="button">
          返回编辑
        </Link>
        {history.liveVersion !== null && history.liveVersion !== history.version && (
          <Link href={compareHref(history.liveVersion, history.version)} className="button primary">
            工作版本与线上版本对比
          </Link>
        )}
      </PageHeader>
      <form
        method="get"
        action={`/admin/articles/${id}/history/compare`}
        aria-label="比较两个版本"
        style={{ display: 'flex', gap: 12, alignItems: 'flex-end', marginBottom: 16 }}
      >
        <div>
          <label htmlFor="compare-from">从版本</label>
          <select id="compare-from" name="from" defaultValue={history.liveVersion ?? history.revisions.at(-1)?.version}>
            {history.revisions.map((r) => (
              <option key={r.version} value={r.version}>
                版本 {r.version}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="compare-to">到版本</label>
          <select id="compare-to" name="to" defaultValue={history.version}>
            {history.revisions.map((r) => (
              <option key={r.version} value={r.version}>
                版本 {r.version}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          比较
        </button>
      </form>
      <table className="data" aria-label="历史版本">
        <thead>
          <tr>
            <th>版本</th>
            <th>时间</th>
            <th>作者</th>
            <th>来源</th>
            <th>说明</th>
            <th>状态</th>
            <th>操作</th>
          </tr>
        </thead>
        <tbody>
          {history.revisions.map((r, i) => {
            const previous = history.revisions[i + 1];
            return (
              <tr key={r.version} data-version={r.version}>
                <td>版本 {r.version}</td>
                <td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.createdAt)}</td>
                <td>{r.authorName ?? <span className="muted">系统</span>}</td>
                <td>{revisionOriginLabels[r.origin]}</td>
                <td className="small">{r.note}</td>
                <td>
                  {r.isWorkingCopy && <span className="badge">工作版本</span>} {r.isLive && <span className="badge PUBLISHED">线上</span>}{' '}
                  {r.isApproved && <span className="badge APPROVED">已批准</span>}
                </td>
                <td>
                  <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
                    {previous && <Link href={compareHref(previous.version, r.version)}>与上一版比较</Link>}
                    {canEdit && !r.isWorkingCopy && <RestoreButton articleId={id} version={r.version} expectedVersion={history.version} />}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
