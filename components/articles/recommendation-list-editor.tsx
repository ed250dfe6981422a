'use client';

import { useState } from 'react';
import { findLinkableArticlesAction } from '@/lib/articles/actions';
import type { RecommendationInput } from '@/lib/articles/schemas';

export type EditableItem = RecommendationInput & { key: string; targetTitle: string | null };

let nextKey = 0;
export function newItemKey(): string {
  nextKey += 1;
  return `new-${nextKey}`;
}

// The ordered "related recommendations" list: reorder, remove, add, link to an article.
export function RecommendationListEditor({
  articleId,
  items,
  onChange,
}: {
  articleId: string;
  items: EditableItem[];
  onChange: (items: EditableItem[]) => void;
}) {
  const [draft, setDraft] = useState({ title: '', summary: '', category: '', itemDate: '' });
  const [linking, setLinking] = useState<string | null>(null);

  function move(index: number, delta: number) {
    const next = [...items];
    const [item] = next.splice(index, 1);
    next.splice(index + delta, 0, item);
    onChange(next);
  }

  function update(key: string, change: Partial<EditableItem>) {
    onChange(items.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }

  return (
    <fieldset style={{ border: '1px solid var(--line)', borderRadius: 8, marginTop: 16 }}>
      <legend>相关推荐（{items.length}）</legend>
      <ol aria-label="相关推荐" style={{ paddingLeft: 24 }}>
        {items.map((item, index) => (
          <li key={item.key} style={{ marginBottom: 8 }} data-testid="recommendation-item">
            <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
              <strong>{item.title}</strong>
              {item.targetArticleId ? (
                <span className="badge PUBLISHED" title={item.targetTitle ?? ''}>
                  已链接：{item.targetTitle ?? '站内文章'}
                </span>
              ) : (
                <span className="badge">外部条目</span>
              )}
              <span className="muted">{[item.category, item.itemDate].filter(Boolean).join(' · ')}</span>
            </div>
            <div style={{ display: 'flex', gap: 6, marginTop: 4 }}>
              <button type="button" className="button" disabled={index === 0} onClick={() => move(index, -1)} aria-label={`上移：${item.title}`}>
                上移
              </button>
              <button type="button" className="button" disabled={index === items.length - 1} onClick={() => move(index, 1)} aria-label={`下移：${item.title}`}>
                下移
              </button>
              <button
                type="button"
                className="button"
                onClick={() => setLinking(linking === item.key ? null : item.key)}
                aria-label={`链接文章：${item.title}`}
              >
                链接文章
              </button>
              {item.targetArticleId && (
                <button type="button" className="button" onClick={() => update(item.key, { targetArticleId: null, targetTitle: null })}>
                  取消链接
                </button>
              )}
              <button
                type="button"
                className="button danger"
                onClick={() => onChange(items.filter((i) => i.key !== item.key))}
                aria-label={`删除：${item.title}`}
              >
                删除
              </button>
            </div>
            {linking === item.key && (
              <ArticleLinker
                articleId={articleId}
                initial={item.title}
                onPick={(target) => {
                  update(item.key, { targetArticleId: target.id, targetTitle: target.title });
                  setLinking(null);
                }}
              />
            )}
          </li>
        ))}
      </ol>
      <details>
        <summary>添加推荐条目</summary>
        <div style={{ display: 'grid', gap: 6, maxWidth: 640 }}>
          <label htmlFor="new-item-title">条目标题</label>
          <input id="new-item-title" value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
          <label htmlFor="new-item-summary">条目摘要</label>
          <textarea id="new-item-summary" value={draft.summary} onChange={(e) => setDraft({ ...draft, summary: e.target.value })} rows={2} />
          <div style={{ display: 'flex', gap: 12 }}>
            <div>
              <label htmlFor="new-item-category">分类</label>
              <input id="new-item-category" value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value })} />
            </div>
            <div>
              <label htmlFor="new-item-date">日期</label>
              <input id="new-item-date" type="date" value={draft.itemDate} onChange={(e) => setDraft({ ...draft, itemDate: e.target.value })} />
            </div>
          </div>
          <button
            type="button"
            className="button"
            disabled={!draft.title.trim()}
            onClick={() => {
              onChange([
                ...items,
                { ...draft, title: draft.title.trim(), summary: draft.summary.trim(), key: newItemKey(), targetArticleId: null, targetTitle: null },
              ]);
              setDraft({ title: '', summary: '', category: '', itemDate: '' });
            }}
          >
            添加条目
          </button>
        </div>
      </details>
    </fieldset>
  );
}

function ArticleLinker({ articleId, initial, onPick }: { articleId: string; initial: string; onPick: (a: { id: string; title: string }) => void }) {
  const [text, setText] = useState(initial);
  const [results, setResults] = useState<{ id: string; title: string }[] | null>(null);
  return (
    <div style={{ marginTop: 6, padding: 8, background: 'var(--bg-soft)', borderRadius: 6 }}>
      <input aria-label="搜索要链接的文章" value={text} onChange={(e) => setText(e.target.value)} style={{ width: '60%' }} />
      <button
        type="button"
        className="button"
        onClick={async () => {
          // Nothing to search for (or too much) finds nothing, as an empty search would.
          const found = await findLinkableArticlesAction({ text, excludeId: articleId });
          setResults(found.ok ? found.data : []);
        }}
      >
        搜索
      </button>
      {results && (
        <ul>
          {results.length === 0 && <li className="muted">没有找到文章</li>}
          {results.map((r) => (
            <li key={r.id}>
              <button type="button" className="button" onClick={() => onPick(r)}>
                链接到：{r.title}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
