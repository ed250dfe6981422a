'use client';

import { useActionState, useState } from 'react';
import { RichTextEditor } from '@/components/editor/rich-text-editor';
import { RegionCascade } from '@/components/regions/region-cascade';
import { RegionSearch, type RegionOption } from '@/components/regions/region-search';
import { saveArticleAction, type SaveArticleState } from '@/lib/articles/actions';
import { currentYearInChina, extractPolicyYears, isPolicyStale } from '@/lib/articles/policy-years';
import type { RecommendationInput, RegionTagInput } from '@/lib/articles/schemas';
import { bodyPlainText } from '@/lib/content/plain-text';
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
    /** When the live version was published, formatted for display; null when not live. */
    publishedAt?: string | null;
    body: unknown;
  };
  regions: EditorRegion[];
  recommendations: EditableItem[];
};

type EditorRegion = RegionOption & { origin: 'AUTO' | 'MANUAL'; confidence: number };

const percent = (confidence: number) => `${Math.round(confidence * 100)}%`;
const regionLabel = (region: RegionOption) => region.path?.join(' / ') ?? region.name;

// The whole working copy is one form: plain fields as inputs, structured parts as JSON in
// hidden inputs. On a failed save (conflict, validation) nothing the editor typed is lost.
export function ArticleEditor({ article, regions: initialRegions, recommendations: initialItems }: ArticleEditorProps) {
  // The version this form's content is based on: the one loaded, then each of our own saves.
  // It never follows a newer version someone else saved, so their change is never overwritten.
  const [version, setVersion] = useState(article.version);
  const [state, action, pending] = useActionState<SaveArticleState, FormData>(async (prev, formData) => {
    const result = await saveArticleAction(prev, formData);
    if (result?.ok) {
      setVersion(result.data.version);
      // Stored now: the server remembers them in the article's rejected list.
      setRejected([]);
    }
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
  // Region tags: AUTO rows are the importer's suggestions, shown for the editor to accept
  // (they become MANUAL on save) or reject (removed, and never suggested again).
  const [regions, setRegions] = useState<EditorRegion[]>(initialRegions);
  const [rejected, setRejected] = useState<EditorRegion[]>([]);
  const suggestions = regions.filter((r) => r.origin === 'AUTO');
  const tags = regions.filter((r) => r.origin === 'MANUAL');
  const acceptedCodes = new Set(initialRegions.filter((r) => r.origin === 'AUTO').map((r) => r.code));
  const accept = (code: string) => setRegions((rs) => rs.map((r) => (r.code === code ? { ...r, origin: 'MANUAL', confidence: 1 } : r)));
  const reject = (region: EditorRegion) => {
    setRegions((rs) => rs.filter((r) => r.code !== region.code));
    setRejected((rs) => [...rs.filter((r) => r.code !== region.code), region]);
  };
  const undoReject = (region: EditorRegion) => {
    setRejected((rs) => rs.filter((r) => r.code !== region.code));
    setRegions((rs) => (rs.some((r) => r.code === region.code) ? rs : [...rs, region]));
  };
  const addManual = (region: RegionOption) => {
    // Tagging a region by hand takes back its rejection; adding a suggested one accepts it.
    setRejected((rs) => rs.filter((r) => r.code !== region.code));
    setRegions((rs) =>
      rs.some((r) => r.code === region.code)
        ? rs.map((r) => (r.code === region.code ? { ...r, origin: 'MANUAL', confidence: 1 } : r))
        : [...rs, { ...region, origin: 'MANUAL', confidence: 1 }],
    );
  };
  const regionsPayload: RegionTagInput[] = regions.map((r) => ({ code: r.code, origin: r.origin }));

  // Policy years the title and body state, recomputed as the editor types.
  const [bodyText, setBodyText] = useState(() => bodyPlainText(article.body));
  const policyYears = extractPolicyYears(`${fields.title}\n${bodyText}`);
  const stale = isPolicyStale(policyYears, currentYearInChina());

  const [items, setItems] = useState<EditableItem[]>(initialItems);

  const itemsPayload: RecommendationInput[] = items.map(({ key: _key, targetTitle: _t, ...item }) => item);

  return (
    <form action={action} aria-label="编辑文章">
      <input type="hidden" name="id" value={article.id} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="regions" value={JSON.stringify(regionsPayload)} />
      <input type="hidden" name="rejectedRegionCodes" value={JSON.stringify(rejected.map((r) => r.code))} />
      <input type="hidden" name="recommendations" value={JSON.stringify(itemsPayload)} />

      <label htmlFor="title">文章标题</label>
      <input {...field('title')} required maxLength={200} style={{ width: '100%' }} />

      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) auto minmax(0, 1fr)', gap: 16 }}>
        <div>
          <label htmlFor="slug">链接名（拼音）</label>
          <input {...field('slug')} required maxLength={120} style={{ width: '100%' }} />
        </div>
        <div>
          <label htmlFor="contentDate">内容日期</label>
          <input {...field('contentDate')} type="date" />
        </div>
        <div>
          <span style={{ display: 'block', fontWeight: 600, margin: '12px 0 4px' }}>发布时间</span>
          <span data-testid="published-at" style={{ display: 'inline-block', padding: '7px 0' }}>{article.publishedAt ?? '未发布'}</span>
        </div>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center', marginTop: 8 }}>
        <span id="policy-years-label" className="muted" style={{ fontSize: 14 }}>政策年份</span>
        <ul aria-labelledby="policy-years-label" style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          {policyYears.map((year) => (
            <li key={year} className="badge">{year}年</li>
          ))}
          {policyYears.length === 0 && <li className="muted" style={{ fontSize: 14 }}>未提到政策年份</li>}
        </ul>
        {stale && (
          <span className="badge" style={{ background: 'var(--warn-soft)', color: '#7a4d00' }} data-testid="policy-years-stale">
            最新政策年份早于今年，请核实缴费标准等是否已更新
          </span>
        )}
      </div>

      <label htmlFor="summary">摘要</label>
      <textarea {...field('summary')} rows={2} maxLength={500} />

      <RichTextEditor name="body" initialContent={article.body} label="正文" onChange={(doc) => setBodyText(bodyPlainText(doc))} />

      <label htmlFor="disclaimer">提示语</label>
      <input {...field('disclaimer')} maxLength={500} style={{ width: '100%' }} />

      <fieldset style={{ border: '1px solid var(--line)', borderRadius: 8, marginTop: 16 }}>
        <legend>地区标签</legend>
        {suggestions.length > 0 && (
          <>
            <p id="region-suggestions-label" className="muted" style={{ margin: '4px 0', fontSize: 14 }}>
              根据标题自动识别的地区，请逐一确认：
            </p>
            <ul aria-label="地区建议" aria-describedby="region-suggestions-label" data-testid="region-suggestions" style={{ listStyle: 'none', padding: 0, margin: '0 0 8px', display: 'flex', flexDirection: 'column', gap: 6 }}>
              {suggestions.map((region) => (
                <li key={region.code} style={{ display: 'flex', gap: 8, alignItems: 'center' }} title={regionLabel(region)}>
                  <span className="badge" style={{ background: 'var(--warn-soft)' }}>
                    建议：{region.name} {percent(region.confidence)}
                  </span>
                  <span className="muted" style={{ fontSize: 13 }}>{regionLabel(region)}</span>
                  <button type="button" className="button" aria-label={`接受 ${region.name}`} onClick={() => accept(region.code)} style={{ padding: '0 10px' }}>接受</button>
                  <button type="button" className="button danger" aria-label={`拒绝 ${region.name}`} onClick={() => reject(region)} style={{ padding: '0 10px' }}>拒绝</button>
                </li>
              ))}
            </ul>
          </>
        )}
        <ul aria-label="地区标签" style={{ listStyle: 'none', padding: 0, display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          {tags.map((region) => (
            <li key={region.code} className="badge" title={regionLabel(region)}>
              {regionLabel(region)}
              {acceptedCodes.has(region.code) && <span className="muted">（已接受建议）</span>}
              <button type="button" aria-label={`移除地区 ${region.name}`} onClick={() => setRegions((rs) => rs.filter((r) => r.code !== region.code))} style={{ all: 'unset', cursor: 'pointer', marginLeft: 6 }}>×</button>
            </li>
          ))}
          {tags.length === 0 && <li className="muted">{suggestions.length ? '尚未确认地区' : '暂无地区（全国性内容可不选）'}</li>}
        </ul>
        {rejected.length > 0 && (
          <p className="muted" style={{ fontSize: 13, margin: '0 0 8px' }} data-testid="rejected-regions">
            已拒绝（保存后不再建议）：
            {rejected.map((region) => (
              <span key={region.code} style={{ marginRight: 8 }}>
                {region.name}
                <button type="button" aria-label={`撤销拒绝 ${region.name}`} onClick={() => undoReject(region)} style={{ all: 'unset', cursor: 'pointer', marginLeft: 4, textDecoration: 'underline' }}>撤销</button>
              </span>
            ))}
          </p>
        )}
        <label htmlFor="add-region" style={{ fontWeight: 400 }}>添加地区</label>
        <RegionSearch id="add-region" onSelect={addManual} />
        <p className="muted" style={{ fontSize: 13, margin: '8px 0 4px' }}>或按省、市、区县逐级选择：</p>
        <RegionCascade onSelect={addManual} />
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
