'use client';

import { useActionState, useState } from 'react';
import { RichTextEditor } from '@/components/editor/rich-text-editor';
import { RegionSearch, type RegionOption } from '@/components/regions/region-search';
import { saveArticleAction, type SaveArticleState } from '@/lib/articles/actions';
import type { RecommendationInput } from '@/lib/articles/schemas';
import { RecommendationListEditor, type EditableItem } from './recommendation-list-editor';

export type ArticleEditorProps = {
  article: {
    id: string;
    version: number;
    title: string;
    slug: string;
    summary: string;
    disclaimer: string;
    contentDate: string;
    body: unknown;
  };
  regions: (RegionOption & { origin: 'AUTO' | 'MANUAL'; confidence: number })[];
  recommendations: EditableItem[];
};

// The whole working copy is one form: plain fields as inputs, structured parts as JSON in
// hidden inputs. On a failed save (conflict, validation) nothing the editor typed is lost.
export function ArticleEditor({ article, regions: initialRegions, recommendations: initialItems }: ArticleEditorProps) {
  // The version this form's content is based on: the one loaded, then each of our own saves.
  // It never follows a newer version someone else saved, so their change is never overwritten.
  const [version, setVersion] = useState(article.version);
  const [state, action, pending] = useActionState<SaveArticleState, FormData>(async (prev, formData) => {
    const result = await saveArticleAction(prev, formData);
    if (result?.ok) setVersion(result.data.version);
    return result;
  }, null);
  // Controlled fields: React resets uncontrolled inputs after a form action, which would throw
  // away what the editor typed when a save fails (conflict, validation).
  const [fields, setFields] = useState({
    title: article.title,
    slug: article.slug,
    summary: article.summary,
    disclaimer: article.disclaimer,
    contentDate: article.contentDate,
  });
  const field = (name: keyof typeof fields) => ({
    id: name,
    name,
    value: fields[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setFields((f) => ({ ...f, [name]: e.target.value })),
  });
  const [regions, setRegions] = useState(initialRegions);
  const [items, setItems] = useState<EditableItem[]>(initialItems);

  const itemsPayload: RecommendationInput[] = items.map(({ key: _key, targetTitle: _t, ...item }) => item);

  return (
    <form action={action} aria-label="编辑文章">
      <input type="hidden" name="id" value={article.id} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="regionCodes" value={JSON.stringify(regions.map((r) => r.code))} />
      <input type="hidden" name="recommendations" value={JSON.stringify(itemsPayload)} />

      <label htmlFor="title">文章标题</label>
      <input {...field('title')} required maxLength={200} style={{ width: '100%' }} />

      <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr', gap: 16 }}>
        <div>
          <label htmlFor="slug">链接名（拼音）</label>
          <input {...field('slug')} required maxLength={120} style={{ width: '100%' }} />
        </div>
        <div>
          <label htmlFor="contentDate">内容日期</label>
          <input {...field('contentDate')} type="date" />
        </div>
      </div>

      <label htmlFor="summary">摘要</label>
      <textarea {...field('summary')} rows={2} maxLength={500} />

      <RichTextEditor name="body" initialContent={article.body} label="正文" />

      <label htmlFor="disclaimer">提示语</label>
      <input {...field('disclaimer')} maxLength={500} style={{ width: '100%' }} />

      <fieldset style={{ border: '1px solid var(--line)', borderRadius: 8, marginTop: 16 }}>
        <legend>地区标签</legend>
        <ul aria-label="地区标签" style={{ listStyle: 'none', padding: 0, display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          {regions.map((region) => (
            <li key={region.code} className="badge" title={region.path?.join(' / ')}>
              {region.path?.join(' / ') ?? region.name}
              {region.origin === 'AUTO' && <span className="muted">（自动 {Math.round(region.confidence * 100)}%）</span>}
              <button type="button" aria-label={`移除地区 ${region.name}`} onClick={() => setRegions((rs) => rs.filter((r) => r.code !== region.code))} style={{ all: 'unset', cursor: 'pointer', marginLeft: 6 }}>×</button>
            </li>
          ))}
          {regions.length === 0 && <li className="muted">暂无地区（全国性内容可不选）</li>}
        </ul>
        <label htmlFor="add-region" style={{ fontWeight: 400 }}>添加地区</label>
        <RegionSearch
          id="add-region"
          onSelect={(region) =>
            setRegions((rs) => (rs.some((r) => r.code === region.code) ? rs : [...rs, { ...region, origin: 'MANUAL', confidence: 1 }]))
          }
        />
      </fieldset>

      <RecommendationListEditor articleId={article.id} items={items} onChange={setItems} />

      <div style={{ position: 'sticky', bottom: 0, background: '#fff', padding: '12px 0', borderTop: '1px solid var(--line)', marginTop: 16, display: 'flex', gap: 12, alignItems: 'center' }}>
        <button type="submit" className="button primary" disabled={pending}>{pending ? '正在保存…' : '保存'}</button>
        <span className="muted">编辑基于版本 {version}</span>
        {state && !state.ok && <span className="alert error" role="alert" style={{ margin: 0 }}>{state.error}</span>}
        {state?.ok && <span className="alert success" role="status" style={{ margin: 0 }}>已保存（版本 {state.data.version}）</span>}
      </div>
    </form>
  );
}
