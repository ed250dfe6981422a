import Link from 'next/link';
import { PageHeader } from '@/components/admin/page-header';
import { listReviewQueue } from '@/lib/articles/queries';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/dates';

export const metadata = { title: '审核队列' };

export default async function ReviewQueuePage() {
  await requireUser('article:review');
  const queue = await listReviewQueue();
  return (
    <>
      <PageHeader title={`审核队列（${queue.length}）`} />
      <table className="data" aria-label="待审核文章">
        <thead>
          <tr>
            <th>标题</th>
            <th>提交人</th>
            <th>版本</th>
            <th>提交时间</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {queue.map((a) => (
            <tr key={a.id}>
              <td>
                <Link href={`/admin/articles/${a.id}`}>{a.title}</Link>
              </td>
              <td>{a.updatedBy?.name ?? '导入'}</td>
              <td>{a.version}</td>
              <td>{formatDateTime(a.updatedAt)}</td>
              <td>
                <Link href={`/admin/articles/${a.id}/review`}>查看差异与预览</Link>
              </td>
            </tr>
          ))}
          {queue.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                没有待审核的文章
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
