'use client';

import Link from 'next/link';
import { useActionState, useState, type FormEvent } from 'react';
import { cancelImportAction, confirmImportAction, previewImportAction, type CancelState, type ConfirmState, type PreviewState } from '@/lib/import/actions';
import type { ImportFileResult } from '@/lib/import/results';
import { formatSize, MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, REQUEST_TOO_LARGE_MESSAGE } from '@/lib/import/limits';
import { reasonLabel } from '@/lib/import/reasons';
import type { UploadPreview } from '@/lib/import/stage-upload';
import { previewOutcomeLabels } from '@/lib/import/outcome-labels';

/**
 * The upload itself can fail before the action runs: the server refuses a body over its limit
 * with a 413 (scripts/serve.ts), or the connection drops. Next then throws instead of returning
 * a result, which would replace the page with the error screen; show a message instead.
 */
async function previewOrRefusal(prev: PreviewState, formData: FormData): Promise<PreviewState> {
  try {
    return await previewImportAction(prev, formData);
  } catch (error) {
    const refused = error instanceof Error && error.message === REQUEST_TOO_LARGE_MESSAGE;
    return { ok: false, error: refused ? REQUEST_TOO_LARGE_MESSAGE : '上传没有完成（连接中断或服务器出错），请稍后重试；文件较多时请分批上传。' };
  }
}

/**
 * Upload → preview → confirm (or cancel). The preview comes from the server; the confirmation
 * sends back only the preview's id and the conflicts to import anyway, and leads to the batch's
 * page, which shows the background import's progress and then its report.
 */
export function ImportForm() {
  const [previewState, previewAction, previewPending] = useActionState<PreviewState, FormData>(previewOrRefusal, null);
  const [confirmState, confirmAction, confirmPending] = useActionState<ConfirmState, FormData>(confirmImportAction, null);
  const [cancelState, cancelAction, cancelPending] = useActionState<CancelState, FormData>(cancelImportAction, null);
  const [clientError, setClientError] = useState<string | null>(null);

  const preview = previewState?.ok ? previewState.data : null;
  const cancelled = cancelState?.ok ? cancelState.data.stageId : null;
  const activePreview = preview && preview.stageId !== cancelled ? preview : null;

  // The server refuses these too; checking first gives a clear message instead of a failed request.
  function checkFiles(event: FormEvent<HTMLFormElement>) {
    const input = event.currentTarget.elements.namedItem('files') as HTMLInputElement | null;
    const files = Array.from(input?.files ?? []);
    const total = files.reduce((sum, f) => sum + f.size, 0);
    const problem =
      files.length > MAX_UPLOAD_FILES
        ? `一次最多上传 ${MAX_UPLOAD_FILES} 个文件；更多页面请打包成 .zip 上传。`
        : total > MAX_UPLOAD_BYTES
          ? `所选文件共 ${formatSize(total)}，一次上传不能超过 ${formatSize(MAX_UPLOAD_BYTES)}，请分批上传。`
          : null;
    setClientError(problem);
    if (problem) event.preventDefault();
  }

  const busy = previewPending || confirmPending || cancelPending;
  return (
    <>
      <form action={previewAction} onSubmit={checkFiles}>
        <label htmlFor="import-files">页面文件</label>
        <input id="import-files" name="files" type="file" multiple accept=".txt,.zip,text/plain,application/zip" required />
        <label style={{ fontWeight: 400 }}>
          <input type="checkbox" name="normalizePunctuation" defaultChecked /> 规范标点：把中文里的英文标点（, : ; ( ) ?）改为全角
        </label>
        <button type="submit" className="button primary" disabled={busy}>
          {previewPending ? '正在分析…' : '上传并预览'}
        </button>
        <p className="muted" style={{ fontSize: 13 }}>
          可选多个 .txt 页面或 .zip 压缩包（每次最多 {MAX_UPLOAD_FILES} 个文件、共 {formatSize(MAX_UPLOAD_BYTES)}）。先预览，确认后才会写入。
        </p>
      </form>
      {clientError && (
        <p className="alert error" role="alert">
          {clientError}
        </p>
      )}
      {[previewState, confirmState, cancelState].map((state, i) =>
        state && !state.ok ? (
          <p key={i} className="alert error" role="alert">
            {state.error}
          </p>
        ) : null,
      )}
      {activePreview && (
        <PreviewSection preview={activePreview} confirmAction={confirmAction} cancelAction={cancelAction} busy={busy} confirming={confirmPending} />
      )}
    </>
  );
}

function PreviewSection({
  preview,
  confirmAction,
  cancelAction,
  busy,
  confirming,
}: {
  preview: UploadPreview;
  confirmAction: (formData: FormData) => void;
  cancelAction: (formData: FormData) => void;
  busy: boolean;
  confirming: boolean;
}) {
  const t = preview.totals;
  const conflicts = preview.files.filter((f) => f.canForce).length;
  const writes = t.created + t.updated;
  return (
    <section aria-label="导入预览" style={{ marginTop: 20 }}>
      <h2 style={{ fontSize: 18 }}>预览：尚未写入任何内容</h2>
      <p role="status" className={t.failed ? 'alert warn' : 'alert success'}>
        将新建 {t.created}，将更新 {t.updated}，未变 {t.unchanged}，失败 {t.failed}
        {conflicts > 0 && `（其中冲突 ${conflicts}：勾选“仍然导入为新版本”才会覆盖）`}
        。标点规范化：{preview.normalizePunctuation ? '开' : '关'}
      </p>
      <form action={confirmAction}>
        <input type="hidden" name="stageId" value={preview.stageId} />
        <table className="data" aria-label="预览明细">
          <thead>
            <tr>
              <th>文件</th>
              <th>预计结果</th>
              <th>标题</th>
              <th>推荐条数</th>
              <th>建议地区</th>
              <th>原因 / 说明</th>
            </tr>
          </thead>
          <tbody>
            {preview.files.map((f) => (
              <tr key={f.position} data-outcome={f.outcome} data-reason={f.reason}>
                <td>{f.file}</td>
                <td>{previewOutcomeLabels[f.outcome]}</td>
                <td>{f.articleId ? <Link href={`/admin/articles/${f.articleId}`}>{f.title}</Link> : f.title}</td>
                <td>{f.itemCount ?? ''}</td>
                <td>{(f.regions ?? []).map((code) => preview.regionNames[code] ?? code).join('、')}</td>
                <td>
                  <FileNotes file={f} />
                  {f.canForce && (
                    <label style={{ fontWeight: 400, margin: '6px 0 0' }}>
                      <input type="checkbox" name="force" value={f.position} /> 仍然导入为新版本（覆盖编辑的修改：{f.file}）
                    </label>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p style={{ display: 'flex', gap: 12, marginTop: 16 }}>
          <button type="submit" className="button primary" disabled={busy}>
            {confirming ? '正在提交…' : writes > 0 || conflicts > 0 ? '确认导入' : '确认导入（无内容变化）'}
          </button>
          <button type="submit" className="button" formAction={cancelAction} disabled={busy}>
            取消
          </button>
        </p>
      </form>
    </section>
  );
}

function FileNotes({ file }: { file: ImportFileResult }) {
  return (
    <>
      {file.error && (
        <div style={{ color: 'var(--danger)' }}>
          <strong>{reasonLabel(file.reason)}</strong>：{file.error}
        </div>
      )}
      {file.forced && <div className="muted">已按要求覆盖编辑的修改，导入为新版本</div>}
      {file.warnings?.map((w, i) => (
        <div key={i} className="muted">
          {w}
        </div>
      ))}
    </>
  );
}
