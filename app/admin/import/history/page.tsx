import Link from 'next/link';
import { PageHeader } from '@/components/admin/page-header';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/dates';
import { historyPageSize, importStatusLabel, listImportBatches, sourceLabels } from '@/lib/import/history-queries';

export const metadata = { title: '导入记录' };

export default async function ImportHistoryPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requireUser('article:import');
  const requested = Number((await searchParams).page ?? 1);
  const page = Number.isInteger(requested) && requested > 0 && requested < 100_000 ? requested : 1;
  const { rows, total } = await listImportBatches(page);
  const pageCount = Math.max(1, Math.ceil(total / historyPageSize));
  return (
    <>
      <PageHeader title="导入记录">
        <Link href="/admin/import" className="button">
          导入页面
        </Link>
      </PageHeader>
      {rows.length === 0 ? (
        <p className="muted">还没有导入记录。</p>
      ) : (
        <table className="data" aria-label="导入记录">
          <thead>
            <tr>
              <th>时间</th>
              <th>导入人</th>
              <th>方式</th>
              <th>标点规范化</th>
              <th>状态</th>
              <th>新建</th>
              <th>更新</th>
              <th>未变</th>
              <th>失败</th>
              <th>其中冲突</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((b) => (
              <tr key={b.id}>
                <td>{formatDateTime(b.createdAt)}</td>
                <td>{b.userName ?? <span className="muted">—</span>}</td>
                <td>{sourceLabels[b.source] ?? b.source}</td>
                <td>{b.normalizePunctuation ? '开' : '关'}</td>
                <td data-status={b.status.toLowerCase()}>{importStatusLabel(b)}</td>
                <td>{b.created}</td>
                <td>{b.updated}</td>
                <td>{b.unchanged}</td>
                <td>{b.failed}</td>
                <td>{b.conflicts}</td>
                <td>
                  <Link href={`/admin/import/history/${b.id}`}>查看明细</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pageCount > 1 && (
        <nav aria-label="分页" style={{ display: 'flex', gap: 12, marginTop: 16 }}>
          {page > 1 && <Link href={`/admin/import/history?page=${page - 1}`}>上一页</Link>}
          <span className="muted">
            第 {page} / {pageCount} 页
          </span>
          {page < pageCount && <Link href={`/admin/import/history?page=${page + 1}`}>下一页</Link>}
        </nav>
      )}
    </>
  );
}
