'use client';

import { useState } from 'react';
import { VersionDiffView } from '@/components/revisions/version-diff';
import type { MergeBase } from '@/lib/articles/merge';
import type { EditorContent } from './editor-draft';

// A save met a newer version: what the editor would change in it, and per field whose content to
// keep. The result is saved on the newer version (components/articles/article-editor.tsx).

type Part = 'title' | 'slug' | 'summary' | 'disclaimer' | 'contentDate' | 'body' | 'regions' | 'items';

const partLabels: Record<Part, string> = {
  title: '标题',
  slug: '链接名',
  summary: '摘要',
  disclaimer: '提示语',
  contentDate: '内容日期',
  body: '正文',
  regions: '地区标签',
  items: '相关推荐',
};

function comparable(content: EditorContent, part: Part): string {
  switch (part) {
    case 'body':
      return JSON.stringify(content.body);
    case 'regions':
      return JSON.stringify(content.regions.map((r) => [r.code, r.origin]));
    case 'items':
      return JSON.stringify(content.items.map(({ key: _key, targetTitle: _title, ...item }) => item));
    default:
      return content.fields[part];
  }
}

function take(mine: EditorContent, theirs: EditorContent, chosen: Record<Part, 'mine' | 'theirs'>): EditorContent {
  const from = (part: Part) => (chosen[part] === 'mine' ? mine : theirs);
  return {
    fields: {
      title: from('title').fields.title,
      slug: from('slug').fields.slug,
      summary: from('summary').fields.summary,
      disclaimer: from('disclaimer').fields.disclaimer,
      contentDate: from('contentDate').fields.contentDate,
    },
    body: from('body').body,
    regions: from('regions').regions,
    rejected: chosen.regions === 'mine' ? mine.rejected : [],
    items: from('items').items,
  };
}

export function MergePanel({
  base,
  mine,
  onResolve,
  onDiscardMine,
}: {
  base: MergeBase;
  mine: EditorContent;
  onResolve: (merged: EditorContent) => void;
  onDiscardMine: () => void;
}) {
  const theirs: EditorContent = { ...base.theirs, rejected: [] };
  const parts = (Object.keys(partLabels) as Part[]).filter((part) => comparable(mine, part) !== comparable(theirs, part));
  const [chosen, setChosen] = useState<Record<Part, 'mine' | 'theirs'>>(
    () => Object.fromEntries((Object.keys(partLabels) as Part[]).map((p) => [p, 'mine'])) as Record<Part, 'mine' | 'theirs'>,
  );
  const theirsLabel = `版本 ${base.version}${base.updatedBy ? `（${base.updatedBy}）` : ''}`;

  return (
    <section className="alert warn" aria-label="合并修改" style={{ display: 'block' }}>
      <h2 style={{ fontSize: 18, marginTop: 0 }}>保存冲突：文章已被保存为{theirsLabel}</h2>
      <p>
        下面是你的修改与{theirsLabel}的差异（删除线为{theirsLabel}
        的内容，下划线为你的修改）。请逐项选择保留哪一方，然后保存合并结果；不会覆盖任何一方未看过的内容。
      </p>
      <VersionDiffView diff={base.diff} view="inline" beforeLabel={theirsLabel} afterLabel="我的修改" />
      {parts.length === 0 ? (
        <p>你的内容与{theirsLabel}相同。</p>
      ) : (
        <fieldset style={{ border: 0, padding: 0 }}>
          <legend style={{ fontWeight: 600 }}>逐项选择</legend>
          {parts.map((part) => (
            <div key={part} role="radiogroup" aria-label={partLabels[part]} style={{ display: 'flex', gap: 16, alignItems: 'center', margin: '4px 0' }}>
              <span style={{ minWidth: 80 }}>{partLabels[part]}</span>
              <label style={{ fontWeight: 400, margin: 0 }}>
                <input type="radio" name={`merge-${part}`} checked={chosen[part] === 'mine'} onChange={() => setChosen((c) => ({ ...c, [part]: 'mine' }))} />{' '}
                用我的
              </label>
              <label style={{ fontWeight: 400, margin: 0 }}>
                <input
                  type="radio"
                  name={`merge-${part}`}
                  checked={chosen[part] === 'theirs'}
                  onChange={() => setChosen((c) => ({ ...c, [part]: 'theirs' }))}
                />{' '}
                用{theirsLabel}的
              </label>
            </div>
          ))}
        </fieldset>
      )}
      <button type="button" className="button primary" onClick={() => onResolve(take(mine, theirs, chosen))}>
        保存合并结果
      </button>{' '}
      <button type="button" className="button" onClick={onDiscardMine}>
        放弃我的修改，载入{theirsLabel}
      </button>
    </section>
  );
}
