import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/admin/page-header';
import { requireUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { formatDateTime } from '@/lib/dates';
import { getImportBatch, sourceLabels } from '@/lib/import/history-queries';
import { reasonLabel } from '@/lib/import/reasons';
import { regionPath } from '@/lib/regions/region-path';

export const metadata = { title: '导入明细' };

const outcomeLabels = { CREATED: '新建', UPDATED: '更新', UNCHANGED: '未变', FAILED: '失败' } as const;

export default async function ImportBatchPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser('article:import');
  const { id } = await params;
  const batch = /^[a-z0-9]{1,40}$/.test(id) ? await getImportBatch(db, id) : null;
  if (!batch) notFound();
  return (
    <>
      <PageHeader title="导入明细">
        <a href={`/admin/import/history/${batch.id}/csv`} className="button" download>下载 CSV</a>
      </PageHeader>
      <p>
        <Link href="/admin/import/history">← 全部导入记录</Link>
      </p>
      <p role="status" className={batch.failed ? 'alert warn' : 'alert success'}>
        {formatDateTime(batch.createdAt)}，{batch.user?.name ?? (batch.source === 'cli' ? '命令行' : '系统')}通过{sourceLabels[batch.source] ?? batch.source}导入：
        新建 {batch.created}，更新 {batch.updated}，未变 {batch.unchanged}，失败 {batch.failed}。标点规范化：{batch.normalizePunctuation ? '开' : '关'}
      </p>
      <table className="data" aria-label="导入明细">
        <thead>
          <tr><th>#</th><th>文件</th><th>结果</th><th>标题</th><th>推荐条数</th><th>建议地区</th><th>原因 / 说明</th></tr>
        </thead>
        <tbody>
          {batch.items.map((item) => (
            <tr key={item.id} data-outcome={item.outcome.toLowerCase()} data-reason={item.reason ?? undefined}>
              <td>{item.position + 1}</td>
              <td>{item.fileName}</td>
              <td>{outcomeLabels[item.outcome]}</td>
              <td>
                {item.article && !item.article.deletedAt ? <Link href={`/admin/articles/${item.article.id}`}>{item.title ?? item.article.title}</Link> : item.title}
              </td>
              <td>{item.itemCount ?? ''}</td>
              <td>{item.regionCodes.map((code) => regionPath(code).join(' / ') || code).join('、')}</td>
              <td>
                {item.error && (
                  <div style={{ color: 'var(--danger)' }}>
                    <strong>{reasonLabel(item.reason)}</strong>：{item.error}
                  </div>
                )}
                {item.forced && <div className="muted">已按要求覆盖编辑的修改，导入为新版本</div>}
                {item.warnings.map((w, i) => <div key={i} className="muted">{w}</div>)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
