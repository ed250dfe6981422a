'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { importUploadAction, type ImportState } from '@/lib/import/actions';

const outcomeLabels = { created: '新建', updated: '更新', unchanged: '未变', failed: '失败' } as const;

export function ImportForm() {
  const [state, action, pending] = useActionState<ImportState, FormData>(importUploadAction, null);
  return (
    <>
      <form action={action}>
        <label htmlFor="import-files">页面文件</label>
        <input id="import-files" name="files" type="file" multiple accept=".txt,text/plain" required />
        <button type="submit" className="button primary" disabled={pending} style={{ marginLeft: 12 }}>
          {pending ? '正在导入…' : '开始导入'}
        </button>
      </form>
      {state && !state.ok && <p className="alert error" role="alert">{state.error}</p>}
      {state?.ok && (
        <section aria-label="导入结果" style={{ marginTop: 20 }}>
          <p role="status" className={state.data.totals.failed ? 'alert warn' : 'alert success'}>
            导入完成：新建 {state.data.totals.created}，更新 {state.data.totals.updated}，未变 {state.data.totals.unchanged}，失败 {state.data.totals.failed}
          </p>
          <table className="data">
            <thead>
              <tr><th>文件</th><th>结果</th><th>标题 / 原因</th></tr>
            </thead>
            <tbody>
              {state.data.files.map((f, i) => (
                <tr key={`${f.file}-${i}`} data-outcome={f.outcome}>
                  <td>{f.file}</td>
                  <td>{outcomeLabels[f.outcome]}</td>
                  <td>
                    {f.error ? <span style={{ color: 'var(--danger)' }}>{f.error}</span> : f.articleId ? <Link href={`/admin/articles/${f.articleId}`}>{f.title}</Link> : f.title}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
