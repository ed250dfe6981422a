import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/admin/page-header';
import { ImportProgress } from '@/components/import/import-progress';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/dates';
import { batchIdSchema, getImportBatch, isImportFinished, sourceLabels, type ImportBatchDetail } from '@/lib/import/history-queries';
import { itemOutcomeLabels } from '@/lib/import/outcome-labels';
import { reasonLabel } from '@/lib/import/reasons';
import { regionPath } from '@/lib/regions/region-path';

export const metadata = { title: '导入明细' };

// One batch: its progress while it is queued or running in the background, then every file's
// outcome (the report shown after an upload), downloadable as CSV.
export default async function ImportBatchPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser('article:import');
  const { id } = await params;
  const batchId = batchIdSchema.safeParse(id);
  const batch = batchId.success ? await getImportBatch(batchId.data) : null;
  if (!batch) notFound();
  const totals = `新建 ${batch.created}，更新 ${batch.updated}，未变 ${batch.unchanged}，失败 ${batch.failed}`;
  return (
    <>
      <PageHeader title="导入明细">
        <a href={`/admin/import/history/${batch.id}/csv`} className="button" download>
          下载 CSV
        </a>
      </PageHeader>
      <p style={{ display: 'flex', gap: 16 }}>
        <Link href="/admin/import/history">← 全部导入记录</Link>
        <Link href="/admin/import">继续导入</Link>
      </p>
      <p className="muted">
        {formatDateTime(batch.createdAt)}，{batch.user?.name ?? (batch.source === 'cli' ? '命令行' : '系统')}通过{sourceLabels[batch.source] ?? batch.source}
        导入。标点规范化：{batch.normalizePunctuation ? '开' : '关'}
      </p>
      {!isImportFinished(batch.status) ? (
        <ImportProgress
          batchId={batch.id}
          initial={{ status: batch.status, processedFiles: batch.processedFiles, totalFiles: batch.totalFiles, error: batch.error }}
        />
      ) : (
        <section aria-label="导入结果">
          {batch.status === 'DONE' ? (
            <p role="status" className={batch.failed ? 'alert warn' : 'alert success'}>
              导入完成：{totals}
            </p>
          ) : (
            <p role="alert" className="alert error">
              导入失败：{batch.error}（已处理 {batch.items.length} 个文件：{totals}）
            </p>
          )}
          <ItemTable batch={batch} />
        </section>
      )}
    </>
  );
}

function ItemTable({ batch }: { batch: ImportBatchDetail }) {
  return (
    <table className="data" aria-label="导入明细">
      <thead>
        <tr>
          <th>#</th>
          <th>文件</th>
          <th>结果</th>
          <th>标题</th>
          <th>推荐条数</th>
          <th>建议地区</th>
          <th>原因 / 说明</th>
        </tr>
      </thead>
      <tbody>
        {batch.items.map((item) => (
          <tr key={item.id} data-outcome={item.outcome.toLowerCase()} data-reason={item.reason ?? undefined}>
            <td>{item.position + 1}</td>
            <td>{item.fileName}</td>
            <td>{itemOutcomeLabels[item.outcome]}</td>
            <td>
              {item.article && !item.article.deletedAt ? (
                <Link href={`/admin/articles/${item.article.id}`}>{item.title ?? item.article.title}</Link>
              ) : (
                item.title
              )}
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
              {item.warnings.map((w, i) => (
                <div key={i} className="muted">
                  {w}
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
