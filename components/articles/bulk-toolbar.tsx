'use client';

import { useState, useTransition } from 'react';
import { RegionSearch, type RegionOption } from '@/components/regions/region-search';
import { bulkUpdateArticlesAction, bulkWorkflowAction } from '@/lib/articles/bulk-actions';
import {
  BULK_LIMIT,
  bulkSkipLabels,
  bulkWorkflowSummary,
  type BulkChange,
  type BulkRowResult,
  type BulkUpdateResult,
  type BulkWorkflowRequest,
} from '@/lib/articles/bulk-schema';

type EditMode = 'addRegion' | 'removeRegion' | 'setContentDate';
type Mode = EditMode | 'schedule' | 'trash';

const editLabels: Record<EditMode, string> = { addRegion: '添加地区', removeRegion: '移除地区', setContentDate: '设置内容日期' };

export type BulkPermissions = { canEdit: boolean; canSubmit: boolean; canPublish: boolean; canTrash: boolean };
export type BulkSelection = { id: string; title: string; version: number };

function resultMessage({ changed, unchanged, skipped }: BulkUpdateResult): string {
  const parts = [`已更新 ${changed} 篇`];
  if (unchanged) parts.push(`${unchanged} 篇无需更改`);
  if (skipped) parts.push(`${skipped} 篇已删除或不存在，已跳过`);
  return `${parts.join('，')}。`;
}

type Outcome = { ok: boolean; text: string; rows?: BulkRowResult[] };

/**
 * The article table's bulk toolbar: one edit (regions, content date) or one workflow step (submit,
 * publish, unpublish, schedule, cancel schedules, trash) for the selected rows, in one request.
 * Buttons follow the person's permissions; the server checks every row by the single action's rules
 * and answers with each row's outcome.
 */
export function BulkToolbar({ selected, permissions, onClear }: { selected: BulkSelection[]; permissions: BulkPermissions; onClear: () => void }) {
  const [mode, setMode] = useState<Mode | null>(null);
  const [region, setRegion] = useState<RegionOption | null>(null);
  const [date, setDate] = useState('');
  const [scheduleAt, setScheduleAt] = useState('');
  const [scheduleKind, setScheduleKind] = useState<'PUBLISH' | 'UNPUBLISH'>('PUBLISH');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();
  const count = selected.length;
  const tooMany = count > BULK_LIMIT;
  const disabled = pending || tooMany;

  function open(next: Mode) {
    setMode(mode === next ? null : next);
    setRegion(null);
    setOutcome(null);
  }

  function apply(change: BulkChange) {
    startTransition(async () => {
      const result = await bulkUpdateArticlesAction({ articleIds: selected.map((s) => s.id), change });
      if (result.ok) {
        setOutcome({ ok: true, text: resultMessage(result.data) });
        setMode(null);
        setRegion(null);
        setDate('');
        onClear();
      } else {
        setOutcome({ ok: false, text: result.error });
      }
    });
  }

  function step(operation: BulkWorkflowRequest['operation']) {
    setOutcome(null);
    startTransition(async () => {
      const result = await bulkWorkflowAction({ rows: selected.map((s) => ({ articleId: s.id, version: s.version })), operation });
      if (result.ok) {
        const done = result.data.rows.some((r) => r.outcome === 'done');
        setOutcome({ ok: done, text: `${bulkWorkflowSummary(result.data)}。`, rows: result.data.rows });
        setMode(null);
        onClear();
      } else {
        setOutcome({ ok: false, text: result.error });
      }
    });
  }

  const notDone = outcome?.rows?.filter((r) => r.outcome !== 'done') ?? [];

  return (
    <div style={{ marginBottom: 12 }}>
      {count > 0 && (
        <div
          role="toolbar"
          aria-label="批量操作"
          style={{
            display: 'flex',
            flexWrap: 'wrap',
            gap: 8,
            alignItems: 'center',
            padding: '8px 12px',
            background: 'var(--bg-soft)',
            border: '1px solid var(--line)',
            borderRadius: 'var(--radius)',
          }}
        >
          <span data-testid="bulk-count">已选择 {count} 篇</span>
          {permissions.canEdit &&
            (Object.keys(editLabels) as EditMode[]).map((m) => (
              <button key={m} type="button" className="button" aria-expanded={mode === m} onClick={() => open(m)} disabled={disabled}>
                {editLabels[m]}
              </button>
            ))}
          {permissions.canSubmit && (
            <button type="button" className="button" onClick={() => step({ kind: 'submit' })} disabled={disabled}>
              提交审核
            </button>
          )}
          {permissions.canPublish && (
            <>
              <button type="button" className="button" onClick={() => step({ kind: 'publish' })} disabled={disabled}>
                发布
              </button>
              <button type="button" className="button" onClick={() => step({ kind: 'unpublish' })} disabled={disabled}>
                下线
              </button>
              <button type="button" className="button" aria-expanded={mode === 'schedule'} onClick={() => open('schedule')} disabled={disabled}>
                定时…
              </button>
              <button type="button" className="button" onClick={() => step({ kind: 'cancelSchedule' })} disabled={disabled}>
                取消定时
              </button>
            </>
          )}
          {permissions.canTrash && (
            <button type="button" className="button danger" aria-expanded={mode === 'trash'} onClick={() => open('trash')} disabled={disabled}>
              移到回收站
            </button>
          )}
          <button type="button" className="button" onClick={onClear} disabled={pending}>
            取消选择
          </button>
          {tooMany && (
            <span className="alert error" role="alert" style={{ margin: 0 }}>
              一次最多处理 {BULK_LIMIT} 篇文章
            </span>
          )}
        </div>
      )}
      {count > 0 && mode && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', padding: '8px 12px' }}>
          {mode === 'trash' ? (
            <>
              <span>把 {count} 篇文章移到回收站？已发布的会先下线（地址返回 410），30 天后永久删除；编辑只能移动自己创建、未发布的草稿。</span>
              <button type="button" className="button danger" disabled={pending} onClick={() => step({ kind: 'trash' })}>
                确认移到回收站
              </button>
              <button type="button" className="button" disabled={pending} onClick={() => setMode(null)}>
                取消
              </button>
            </>
          ) : mode === 'schedule' ? (
            <form
              style={{ display: 'contents' }}
              onSubmit={(event) => {
                event.preventDefault();
                if (scheduleAt) step({ kind: 'schedule', action: scheduleKind, runAt: scheduleAt });
              }}
            >
              <label htmlFor="bulk-schedule-action" style={{ margin: 0 }}>
                操作
              </label>
              <select id="bulk-schedule-action" value={scheduleKind} onChange={(e) => setScheduleKind(e.target.value as 'PUBLISH' | 'UNPUBLISH')}>
                <option value="PUBLISH">定时发布（已批准的）</option>
                <option value="UNPUBLISH">定时下线（线上的）</option>
              </select>
              <label htmlFor="bulk-schedule-at" style={{ margin: 0 }}>
                日期和时间（北京时间）
              </label>
              <input id="bulk-schedule-at" type="datetime-local" step={1} required value={scheduleAt} onChange={(e) => setScheduleAt(e.target.value)} />
              <button type="submit" className="button primary" disabled={pending || !scheduleAt}>
                安排 {count} 篇
              </button>
            </form>
          ) : mode === 'setContentDate' ? (
            <form
              style={{ display: 'contents' }}
              onSubmit={(event) => {
                event.preventDefault();
                if (date) apply({ kind: 'setContentDate', contentDate: date });
              }}
            >
              <label htmlFor="bulk-date" style={{ margin: 0 }}>
                内容日期
              </label>
              <input id="bulk-date" type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
              <button type="submit" className="button primary" disabled={pending || !date}>
                设置到 {count} 篇
              </button>
            </form>
          ) : (
            <>
              <label htmlFor="bulk-region" style={{ margin: 0 }}>
                {mode === 'addRegion' ? '要添加的地区' : '要移除的地区'}
              </label>
              {region ? (
                <span className="badge" data-testid="bulk-region">
                  {region.path?.join(' / ') ?? region.name}
                </span>
              ) : (
                <RegionSearch id="bulk-region" onSelect={setRegion} />
              )}
              {region && (
                <>
                  <button type="button" className="button primary" disabled={pending} onClick={() => apply({ kind: mode, regionCode: region.code })}>
                    {mode === 'addRegion' ? `添加到 ${count} 篇` : `从 ${count} 篇移除`}
                  </button>
                  <button type="button" className="button" disabled={pending} onClick={() => setRegion(null)}>
                    重选地区
                  </button>
                </>
              )}
            </>
          )}
          {pending && <span className="muted">正在处理…</span>}
        </div>
      )}
      {pending && !mode && <p className="muted">正在处理…</p>}
      {outcome && (
        <div className={`alert ${outcome.ok ? 'success' : 'error'}`} role={outcome.ok ? 'status' : 'alert'} data-testid="bulk-outcome">
          {outcome.text}
          {notDone.length > 0 && (
            <ul className="bulk-results" aria-label="未处理的文章">
              {notDone.map((row) => (
                <li key={row.articleId}>
                  {row.title ?? row.articleId}：{row.outcome === 'done' ? '' : bulkSkipLabels[row.outcome]}
                  {row.message && row.outcome === 'failed' && `（${row.message}）`}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
