'use client';

import { useState, useTransition } from 'react';
import { RegionSearch, type RegionOption } from '@/components/regions/region-search';
import { bulkUpdateArticlesAction } from '@/lib/articles/bulk-actions';
import { BULK_LIMIT, type BulkChange, type BulkUpdateResult } from '@/lib/articles/bulk-schema';

type Mode = 'addRegion' | 'removeRegion' | 'setContentDate';

const modeLabels: Record<Mode, string> = { addRegion: '添加地区', removeRegion: '移除地区', setContentDate: '设置内容日期' };

function resultMessage({ changed, unchanged, skipped }: BulkUpdateResult): string {
  const parts = [`已更新 ${changed} 篇`];
  if (unchanged) parts.push(`${unchanged} 篇无需更改`);
  if (skipped) parts.push(`${skipped} 篇已删除或不存在，已跳过`);
  return `${parts.join('，')}。`;
}

/** Applies one change to the selected rows of the article table (see lib/articles/bulk-update.ts). */
export function BulkToolbar({ selected, onClear }: { selected: { id: string; title: string }[]; onClear: () => void }) {
  const [mode, setMode] = useState<Mode | null>(null);
  const [region, setRegion] = useState<RegionOption | null>(null);
  const [date, setDate] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const count = selected.length;
  const tooMany = count > BULK_LIMIT;

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

  return (
    <div style={{ marginBottom: 12 }}>
      {count > 0 && (
        <div role="toolbar" aria-label="批量操作" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', padding: '8px 12px', background: 'var(--bg-soft)', border: '1px solid var(--line)', borderRadius: 'var(--radius)' }}>
          <span data-testid="bulk-count">已选择 {count} 篇</span>
          {(Object.keys(modeLabels) as Mode[]).map((m) => (
            <button key={m} type="button" className="button" aria-expanded={mode === m} onClick={() => open(m)} disabled={pending || tooMany}>
              {modeLabels[m]}
            </button>
          ))}
          <button type="button" className="button" onClick={onClear} disabled={pending}>取消选择</button>
          {tooMany && <span className="alert error" role="alert" style={{ margin: 0 }}>一次最多处理 {BULK_LIMIT} 篇文章</span>}
        </div>
      )}
      {count > 0 && mode && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', padding: '8px 12px' }}>
          {mode === 'setContentDate' ? (
            <form
              style={{ display: 'contents' }}
              onSubmit={(event) => {
                event.preventDefault();
                if (date) apply({ kind: 'setContentDate', contentDate: date });
              }}
            >
              <label htmlFor="bulk-date" style={{ margin: 0 }}>内容日期</label>
              <input id="bulk-date" type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
              <button type="submit" className="button primary" disabled={pending || !date}>设置到 {count} 篇</button>
            </form>
          ) : (
            <>
              <label htmlFor="bulk-region" style={{ margin: 0 }}>{mode === 'addRegion' ? '要添加的地区' : '要移除的地区'}</label>
              {region ? (
                <span className="badge" data-testid="bulk-region">{region.path?.join(' / ') ?? region.name}</span>
              ) : (
                <RegionSearch id="bulk-region" onSelect={setRegion} />
              )}
              {region && (
                <>
                  <button type="button" className="button primary" disabled={pending} onClick={() => apply({ kind: mode, regionCode: region.code })}>
                    {mode === 'addRegion' ? `添加到 ${count} 篇` : `从 ${count} 篇移除`}
                  </button>
                  <button type="button" className="button" disabled={pending} onClick={() => setRegion(null)}>重选地区</button>
                </>
              )}
            </>
          )}
          {pending && <span className="muted">正在处理…</span>}
        </div>
      )}
      {outcome && (
        <p className={`alert ${outcome.ok ? 'success' : 'error'}`} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
    </div>
  );
}
