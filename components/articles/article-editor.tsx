'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { RichTextEditor } from '@/components/editor/rich-text-editor';
import { RegionCascade } from '@/components/regions/region-cascade';
import { RegionSearch, type RegionOption } from '@/components/regions/region-search';
import { FieldError, invalidProps } from '@/components/ui/field-error';
import { mergeBaseAction, saveArticleAction, type SaveArticleState } from '@/lib/articles/actions';
import type { MergeBase } from '@/lib/articles/merge';
import { currentYearInChina, extractPolicyYears, isPolicyStale } from '@/lib/articles/policy-years';
import type { RecommendationInput, RegionTagInput } from '@/lib/articles/schemas';
import { bodyPlainText } from '@/lib/content/plain-text';
import { clearDraft, differsFrom, readDraft, writeDraft, type EditorContent, type EditorDraft } from './editor-draft';
import { MergePanel } from './merge-panel';
import { RecommendationListEditor, type EditableItem } from './recommendation-list-editor';
import { useEditLock, type LockHolderView, type LockView } from './use-edit-lock';
import { recordSavedVersion } from './saved-version';

export type ArticleEditorProps = {
  article: {
    id: string;
    version: number;
    /** When the live version was published, formatted for display; null when not live. */
    publishedAt?: string | null;
  };
  /** The working copy (lib/articles/editor-content.ts). */
  content: Omit<EditorContent, 'rejected'>;
  /** Someone else holding the edit lock when the page was rendered. */
  lockHolder: LockHolderView | null;
  /** May end someone else's lock (admins). */
  canReleaseLocks: boolean;
};

type EditorRegion = RegionOption & { origin: 'AUTO' | 'MANUAL'; confidence: number };

const percent = (confidence: number) => `${Math.round(confidence * 100)}%`;
const regionLabel = (region: RegionOption) => region.path?.join(' / ') ?? region.name;

/** Autosave waits this long after the last change (and for an input method to finish composing). */
const AUTOSAVE_DELAY_MS = 2000;

const timeOfDay = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });
const sinceText = (iso: string) => {
  const minutes = Math.floor((Date.now() - new Date(iso).getTime()) / 60_000);
  return minutes < 1 ? '刚刚有活动' : `${minutes} 分钟前活动`;
};

/**
 * The editor page: the edit lock (who edits; read-only for everyone else), the unsaved work this
 * browser kept from an earlier visit (offered back), and the form.
 */
export function ArticleEditor(props: ArticleEditorProps) {
  const { article } = props;
  const { lock, takeOver, releaseOther } = useEditLock(article.id, props.lockHolder);
  const [offered, setOffered] = useState<EditorDraft | null>(null);
  const [restored, setRestored] = useState<EditorDraft | null>(null);
  const [lockError, setLockError] = useState<string | null>(null);
  const loaded = loadedContent(props);
  useEffect(() => {
    const draft = readDraft(article.id);
    // oxlint-disable-next-line react/set-state-in-effect -- localStorage is only read after hydration: the server renders no offer
    if (draft && differsFrom(draft, loaded)) setOffered(draft);
    else if (draft) clearDraft(article.id);
    // Once, for the content the page was loaded with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [article.id]);
  const [merge, setMerge] = useState<{ base: MergeBase; mine: EditorContent } | null>(null);
  const [submitOnMount, setSubmitOnMount] = useState(false);
  const editable = lock.kind === 'held' && offered === null && merge === null;

  // A save met a newer version: fetch it, with how this browser's content differs from it.
  const onConflict = async () => {
    const mine = readDraft(article.id);
    if (!mine) return;
    const result = await mergeBaseAction({
      articleId: article.id,
      mine: {
        ...mine.fields,
        body: mine.body,
        regions: mine.regions.map((r) => ({ code: r.code, origin: r.origin })),
        rejectedRegionCodes: [],
        recommendations: mine.items.map(({ key: _key, targetTitle: _title, ...item }) => item),
      },
    });
    if (result.ok) setMerge({ base: result.data, mine });
  };

  return (
    <>
      <LockBanner
        lock={lock}
        canRelease={props.canReleaseLocks}
        error={lockError}
        onAction={async (run) => {
          const result = await (run === 'takeOver' ? takeOver() : releaseOther());
          setLockError(result.ok ? null : result.error);
        }}
      />
      {offered && (
        <div className="alert warn" role="region" aria-label="未保存的修改">
          <p style={{ margin: '0 0 8px' }}>
            本浏览器中有这篇文章未保存的修改（{timeOfDay(offered.typedAt)} 输入，基于版本 {offered.baseVersion}）。
            {offered.baseVersion !== article.version && ` 文章此后已更新到版本 ${article.version}，恢复后保存会提示冲突，请核对后再保存。`}
          </p>
          <button
            type="button"
            className="button primary"
            onClick={() => {
              setRestored(offered);
              setOffered(null);
            }}
          >
            恢复这些修改
          </button>{' '}
          <button
            type="button"
            className="button"
            onClick={() => {
              clearDraft(article.id);
              setOffered(null);
            }}
          >
            丢弃
          </button>
        </div>
      )}
      {merge && (
        <MergePanel
          base={merge.base}
          mine={merge.mine}
          onResolve={(merged) => {
            setRestored({ ...merged, baseVersion: merge.base.version, typedAt: new Date().toISOString() });
            setMerge(null);
            setSubmitOnMount(true);
          }}
          onDiscardMine={() => {
            clearDraft(article.id);
            window.location.reload();
          }}
        />
      )}
      <ArticleForm
        key={restored?.typedAt ?? 'loaded'}
        {...props}
        initial={restored ?? { ...loaded, baseVersion: article.version, typedAt: '' }}
        restored={restored !== null}
        editable={editable}
        submitOnMount={submitOnMount}
        onConflict={() => void onConflict()}
      />
    </>
  );
}

function loadedContent({ content }: ArticleEditorProps): EditorContent {
  return { ...content, rejected: [] };
}

function LockBanner({
  lock,
  canRelease,
  error,
  onAction,
}: {
  lock: LockView;
  canRelease: boolean;
  error: string | null;
  onAction: (run: 'takeOver' | 'release') => Promise<void>;
}) {
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => tick((n) => n + 1), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  if (lock.kind === 'held') return null;
  const who = lock.kind === 'free' ? null : lock.holder;
  return (
    <div className="alert warn" role="region" aria-label="编辑锁" data-testid="edit-lock">
      <p style={{ margin: '0 0 8px' }}>
        {lock.kind === 'free' && '对方已离开，现在可以编辑这篇文章。'}
        {lock.kind === 'other' && (who ? `${who.name} 正在编辑（${sinceText(who.heartbeatAt)}），此页为只读。` : '另一位编辑刚刚在编辑，此页为只读。')}
        {lock.kind === 'lost' &&
          (who
            ? `${who.name} 已接管编辑，此页已改为只读。你未保存的修改保留在本浏览器中。`
            : '你的编辑锁已被解除，此页已改为只读。你未保存的修改保留在本浏览器中。')}
      </p>
      {lock.kind === 'free' ? (
        <button type="button" className="button primary" onClick={() => window.location.reload()}>
          载入最新内容并编辑
        </button>
      ) : (
        <>
          <button type="button" className="button" onClick={() => void onAction('takeOver')}>
            接管编辑
          </button>
          {canRelease && lock.kind === 'other' && who && (
            <>
              {' '}
              <button type="button" className="button" onClick={() => void onAction('release')}>
                解除编辑锁
              </button>
            </>
          )}
        </>
      )}
      {error && (
        <p className="alert error" role="alert" style={{ margin: '8px 0 0' }}>
          {error}
        </p>
      )}
    </div>
  );
}

type SaveLine =
  { kind: 'clean' } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'saved'; at: string; version: number } | { kind: 'failed'; message: string };

// The whole working copy is one form: plain fields as inputs, structured parts as JSON in
// hidden inputs. On a failed save (conflict, validation) nothing the editor typed is lost: it
// stays in the form and in this browser's draft.
function ArticleForm({
  article,
  initial,
  restored,
  editable,
  submitOnMount,
  onConflict,
}: ArticleEditorProps & { initial: EditorDraft; restored: boolean; editable: boolean; submitOnMount: boolean; onConflict: () => void }) {
  // The version this form's content is based on: the one loaded, then each of our own saves.
  // It never follows a newer version someone else saved, so their change is never overwritten.
  const [version, setVersion] = useState(initial.baseVersion);
  const versionRef = useRef(initial.baseVersion);
  const formRef = useRef<HTMLFormElement>(null);
  // Every change counts one; a save remembers the count it started from, so that typing during a
  // save is still known to be unsaved afterwards.
  const changes = useRef(restored ? 1 : 0);
  const savedChanges = useRef(0);
  const lastSaveWasAuto = useRef(false);
  const inFlight = useRef<Promise<unknown> | null>(null);
  const composing = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const stopped = useRef(false);
  // Set when the form itself changes its state after a save: not an edit to save.
  const internalChange = useRef(false);
  const [line, setLine] = useState<SaveLine>(restored ? { kind: 'dirty' } : { kind: 'clean' });
  // The last save's answer: a refused field's messages stand beside it until a save accepts it.
  const [lastSave, setLastSave] = useState<SaveArticleState>(null);

  const finished = (result: SaveArticleState, startedAt: number, auto: boolean) => {
    if (result) setLastSave(result);
    if (result?.ok) {
      recordSavedVersion(article.id, result.data.version);
      versionRef.current = result.data.version;
      setVersion(result.data.version);
      savedChanges.current = startedAt;
      lastSaveWasAuto.current = auto;
      if (changes.current === startedAt) {
        clearDraft(article.id);
        setLine({ kind: 'saved', at: result.data.savedAt, version: result.data.version });
      } else {
        setLine({ kind: 'dirty' });
        schedule();
      }
      // Stored now: the server remembers them in the article's rejected list. Not an edit.
      if (!auto) {
        // oxlint-disable-next-line react/immutability -- declared below with the other region state; a save only runs after render
        setRejected((current) => {
          if (current.length) internalChange.current = true;
          return current.length ? [] : current;
        });
      }
    } else if (result) {
      // A newer version or someone else's lock needs the person: no more autosaves on this page.
      if (result.code === 'CONFLICT' || result.code === 'LOCKED') stopped.current = true;
      setLine({ kind: 'failed', message: result.code === 'CONFLICT' ? `${result.error}请在上方合并两边的修改。` : result.error });
      if (result.code === 'CONFLICT') onConflict();
    }
  };

  const autosave = () => {
    window.clearTimeout(timer.current);
    if (stopped.current || !editable || changes.current === savedChanges.current || !formRef.current) return;
    // Never in the middle of an input method's composition, nor over a save in flight.
    if (composing.current || inFlight.current) return schedule();
    const formData = new FormData(formRef.current);
    formData.set('version', String(versionRef.current));
    formData.set('autosave', '1');
    const startedAt = changes.current;
    setLine({ kind: 'saving' });
    const request = saveArticleAction(null, formData)
      .then((result) => finished(result, startedAt, true))
      .catch(() => setLine({ kind: 'failed', message: '自动保存失败（网络或服务器不可用），修改已保留在本浏览器中，稍后会再试。' }))
      .finally(() => {
        inFlight.current = null;
        if (changes.current !== savedChanges.current) schedule();
      });
    inFlight.current = request;
  };
  const schedule = () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(autosave, AUTOSAVE_DELAY_MS);
  };

  const [, action, pending] = useActionState<SaveArticleState, FormData>(async (prev, formData) => {
    window.clearTimeout(timer.current);
    await inFlight.current;
    formData.set('version', String(versionRef.current));
    // Nothing typed since an autosave: the manual save only closes its revision.
    if (lastSaveWasAuto.current && changes.current === savedChanges.current) formData.set('autosave', 'close');
    const startedAt = changes.current;
    setLine({ kind: 'saving' });
    const result = await saveArticleAction(prev, formData).catch(() => ({
      ok: false as const,
      error: '保存失败（网络或服务器不可用），修改已保留在本浏览器中。',
    }));
    finished(result, startedAt, false);
    return result;
  }, null);
  // Controlled fields: React resets uncontrolled inputs after a form action, which would throw
  // away what the editor typed when a save fails (conflict, validation).
  const [fields, setFields] = useState(initial.fields);
  const field = (name: keyof typeof fields) => ({
    id: name,
    name,
    value: fields[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setFields((f) => ({ ...f, [name]: e.target.value })),
    ...invalidProps(lastSave, name, name),
  });
  // Region tags: AUTO rows are the importer's suggestions, shown for the editor to accept
  // (they become MANUAL on save) or reject (removed, and never suggested again).
  const [regions, setRegions] = useState<EditorRegion[]>(initial.regions as EditorRegion[]);
  const [rejected, setRejected] = useState<EditorRegion[]>(initial.rejected as EditorRegion[]);
  const suggestions = regions.filter((r) => r.origin === 'AUTO');
  const tags = regions.filter((r) => r.origin === 'MANUAL');
  const [acceptedCodes] = useState(() => new Set((initial.regions as EditorRegion[]).filter((r) => r.origin === 'AUTO').map((r) => r.code)));
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
  const [body, setBody] = useState<unknown>(initial.body);
  const [bodyText, setBodyText] = useState(() => bodyPlainText(initial.body));
  const policyYears = extractPolicyYears(`${fields.title}\n${bodyText}`);
  const stale = isPolicyStale(policyYears, currentYearInChina());

  const [items, setItems] = useState<EditableItem[]>(initial.items);

  // Every change: kept in this browser at once, saved on the server when typing stops.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      if (!restored) return;
    }
    if (internalChange.current) {
      internalChange.current = false;
      return;
    }
    changes.current += 1;
    writeDraft(article.id, { fields, body, regions, rejected, items, baseVersion: versionRef.current, typedAt: new Date().toISOString() });
    setLine({ kind: 'dirty' });
    schedule();
    // schedule reads refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [article.id, fields, body, regions, rejected, items, restored]);

  // A merge result is saved as soon as it is in the form, as a manual save.
  useEffect(() => {
    if (submitOnMount) formRef.current?.requestSubmit();
    // Once, on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Leaving: save what is unsaved (within the app), and warn before a tab or window closes on it.
  useEffect(() => {
    const unsaved = () => changes.current !== savedChanges.current;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!unsaved()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    const hidden = () => {
      if (document.visibilityState === 'hidden' && unsaved()) autosave();
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('visibilitychange', hidden);
      if (unsaved()) autosave();
      window.clearTimeout(timer.current);
    };
    // autosave reads refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const itemsPayload: RecommendationInput[] = items.map(({ key: _key, targetTitle: _t, ...item }) => item);

  return (
    <form
      ref={formRef}
      action={action}
      aria-label="编辑文章"
      onCompositionStart={() => {
        composing.current = true;
      }}
      onCompositionEnd={() => {
        composing.current = false;
        if (changes.current !== savedChanges.current) schedule();
      }}
    >
      <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <input type="hidden" name="id" value={article.id} />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="regions" value={JSON.stringify(regionsPayload)} />
        <input type="hidden" name="rejectedRegionCodes" value={JSON.stringify(rejected.map((r) => r.code))} />
        <input type="hidden" name="recommendations" value={JSON.stringify(itemsPayload)} />

        <label htmlFor="title">文章标题</label>
        <input {...field('title')} required maxLength={200} style={{ width: '100%' }} />
        <FieldError state={lastSave} name="title" id="title" />

        <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) auto minmax(0, 1fr)', gap: 16 }}>
          <div>
            <label htmlFor="slug">链接名（拼音）</label>
            <input {...field('slug')} required maxLength={120} style={{ width: '100%' }} />
            <FieldError state={lastSave} name="slug" id="slug" />
          </div>
          <div>
            <label htmlFor="contentDate">内容日期</label>
            <input {...field('contentDate')} type="date" />
            <FieldError state={lastSave} name="contentDate" id="contentDate" />
          </div>
          <div>
            <span style={{ display: 'block', fontWeight: 600, margin: '12px 0 4px' }}>发布时间</span>
            <span data-testid="published-at" style={{ display: 'inline-block', padding: '7px 0' }}>
              {article.publishedAt ?? '未发布'}
            </span>
          </div>
        </div>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center', marginTop: 8 }}>
          <span id="policy-years-label" className="muted" style={{ fontSize: 14 }}>
            政策年份
          </span>
          <ul aria-labelledby="policy-years-label" style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexWrap: 'wrap', gap: 6 }}>
            {policyYears.map((year) => (
              <li key={year} className="badge">
                {year}年
              </li>
            ))}
            {policyYears.length === 0 && (
              <li className="muted" style={{ fontSize: 14 }}>
                未提到政策年份
              </li>
            )}
          </ul>
          {stale && (
            <span className="badge" style={{ background: 'var(--warn-soft)', color: '#7a4d00' }} data-testid="policy-years-stale">
              最新政策年份早于今年，请核实缴费标准等是否已更新
            </span>
          )}
        </div>

        <label htmlFor="summary">摘要</label>
        <textarea {...field('summary')} rows={2} maxLength={500} />
        <FieldError state={lastSave} name="summary" id="summary" />

        <RichTextEditor
          name="body"
          initialContent={initial.body}
          label="正文"
          editable={editable}
          onChange={(doc) => {
            setBody(doc);
            setBodyText(bodyPlainText(doc));
          }}
        />

        <label htmlFor="disclaimer">提示语</label>
        <input {...field('disclaimer')} maxLength={500} style={{ width: '100%' }} />
        <FieldError state={lastSave} name="disclaimer" id="disclaimer" />

        <fieldset style={{ border: '1px solid var(--line)', borderRadius: 8, marginTop: 16 }} {...invalidProps(lastSave, 'regions', 'regions')}>
          <legend>地区标签</legend>
          <FieldError state={lastSave} name="regions" id="regions" />
          <FieldError state={lastSave} name="rejectedRegionCodes" id="rejected-regions" />
          {suggestions.length > 0 && (
            <>
              <p id="region-suggestions-label" className="muted" style={{ margin: '4px 0', fontSize: 14 }}>
                根据标题自动识别的地区，请逐一确认：
              </p>
              <ul
                aria-label="地区建议"
                aria-describedby="region-suggestions-label"
                data-testid="region-suggestions"
                style={{ listStyle: 'none', padding: 0, margin: '0 0 8px', display: 'flex', flexDirection: 'column', gap: 6 }}
              >
                {suggestions.map((region) => (
                  <li key={region.code} style={{ display: 'flex', gap: 8, alignItems: 'center' }} title={regionLabel(region)}>
                    <span className="badge" style={{ background: 'var(--warn-soft)' }}>
                      建议：{region.name} {percent(region.confidence)}
                    </span>
                    <span className="muted" style={{ fontSize: 13 }}>
                      {regionLabel(region)}
                    </span>
                    <button
                      type="button"
                      className="button"
                      aria-label={`接受 ${region.name}`}
                      onClick={() => accept(region.code)}
                      style={{ padding: '0 10px' }}
                    >
                      接受
                    </button>
                    <button
                      type="button"
                      className="button danger"
                      aria-label={`拒绝 ${region.name}`}
                      onClick={() => reject(region)}
                      style={{ padding: '0 10px' }}
                    >
                      拒绝
                    </button>
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
                <button
                  type="button"
                  aria-label={`移除地区 ${region.name}`}
                  onClick={() => setRegions((rs) => rs.filter((r) => r.code !== region.code))}
                  style={{ all: 'unset', cursor: 'pointer', marginLeft: 6 }}
                >
                  ×
                </button>
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
                  <button
                    type="button"
                    aria-label={`撤销拒绝 ${region.name}`}
                    onClick={() => undoReject(region)}
                    style={{ all: 'unset', cursor: 'pointer', marginLeft: 4, textDecoration: 'underline' }}
                  >
                    撤销
                  </button>
                </span>
              ))}
            </p>
          )}
          <label htmlFor="add-region" style={{ fontWeight: 400 }}>
            添加地区
          </label>
          <RegionSearch id="add-region" onSelect={addManual} />
          <p className="muted" style={{ fontSize: 13, margin: '8px 0 4px' }}>
            或按省、市、区县逐级选择：
          </p>
          <RegionCascade onSelect={addManual} />
        </fieldset>

        <RecommendationListEditor articleId={article.id} items={items} onChange={setItems} />
        <FieldError state={lastSave} name="recommendations" id="recommendations" />

        <div
          style={{
            position: 'sticky',
            bottom: 0,
            background: '#fff',
            padding: '12px 0',
            borderTop: '1px solid var(--line)',
            marginTop: 16,
            display: 'flex',
            gap: 12,
            alignItems: 'center',
          }}
        >
          <button type="submit" className="button primary" disabled={pending}>
            {pending ? '正在保存…' : '保存'}
          </button>
          <span className="muted">编辑基于版本 {version}</span>
          {line.kind === 'failed' && (
            <span className="alert error" role="alert" style={{ margin: 0 }}>
              {line.message}
            </span>
          )}
          {line.kind === 'saved' && (
            <span className="alert success" role="status" style={{ margin: 0 }}>
              已保存 {timeOfDay(line.at)}（版本 {line.version}）
            </span>
          )}
          {line.kind === 'saving' && (
            <span className="muted" role="status">
              保存中…
            </span>
          )}
          {line.kind === 'dirty' && (
            <span className="muted" role="status">
              未保存的更改
            </span>
          )}
        </div>
      </fieldset>
    </form>
  );
}
