'use client';

import { useActionState } from 'react';
import { FieldError, invalidProps } from '@/components/ui/field-error';
import { useFormAction } from '@/components/ui/use-form-action';
import { cancelScheduleAction, scheduleAction, type ScheduleState } from '@/lib/schedule/actions';
import { scheduledActionLabels } from '@/lib/schedule/schedule-state';
import type { PanelSchedule } from '@/lib/workflow/panel-props';

function Result({ state }: { state: ScheduleState }) {
  if (!state) return null;
  return state.ok ? (
    <p className="alert success" role="status">
      {state.message}
    </p>
  ) : (
    <p className="alert error" role="alert">
      {state.error}
    </p>
  );
}

/**
 * The workflow panel's scheduling: the pending schedule (with why it will not run, if so) and its
 * cancel, and a form to schedule the publish of this approved version or the take-down of the
 * live page at a China-time date and time. A new schedule replaces the pending one.
 */
export function ScheduleForm(props: {
  articleId: string;
  version: number;
  canPublish: boolean;
  canUnpublish: boolean;
  canCancel: boolean;
  schedule: PanelSchedule | null;
}) {
  const { state: scheduleState, formAction: schedule, pending: scheduling, typed } = useFormAction<ScheduleState>(scheduleAction, null);
  const [cancelState, cancel, cancelling] = useActionState<ScheduleState, FormData>(cancelScheduleAction, null);
  const pending = props.schedule;
  const actions = [...(props.canPublish ? (['PUBLISH'] as const) : []), ...(props.canUnpublish ? (['UNPUBLISH'] as const) : [])];

  return (
    <div className="schedule-panel">
      {pending && (
        <div className={`alert ${pending.problem ? 'warn' : 'info'}`} data-testid="schedule-status">
          <strong>
            {scheduledActionLabels[pending.action]}：{pending.runAtText}（北京时间）
          </strong>
          <div>
            {pending.action === 'PUBLISH' ? `到时发布第 ${pending.version} 版` : '到时下线线上页面'}
            {pending.scheduledBy && `，由 ${pending.scheduledBy} 安排`}
          </div>
          {pending.problem && (
            <p style={{ margin: '6px 0 0' }} role="note">
              <strong>已失效：</strong>
              {pending.problem}
            </p>
          )}
          {props.canCancel && (
            <form action={cancel} style={{ marginTop: 6 }}>
              <input type="hidden" name="articleId" value={props.articleId} />
              <button type="submit" className="button" disabled={cancelling}>
                取消定时
              </button>
            </form>
          )}
        </div>
      )}
      <Result state={cancelState} />
      {actions.length > 0 && (
        <details open={scheduleState?.ok === false}>
          <summary>{pending ? '重新安排定时' : '定时发布 / 下线'}</summary>
          <form action={schedule}>
            <input type="hidden" name="articleId" value={props.articleId} />
            <input type="hidden" name="version" value={props.version} />
            <label htmlFor="schedule-action">操作</label>
            <select
              id="schedule-action"
              name="action"
              defaultValue={typed('action', pending?.action && actions.includes(pending.action as never) ? pending.action : actions[0])}
              {...invalidProps(scheduleState, 'action', 'schedule-action')}
            >
              {actions.map((a) => (
                <option key={a} value={a}>
                  {a === 'PUBLISH' ? `定时发布（第 ${props.version} 版）` : '定时下线（线上页面）'}
                </option>
              ))}
            </select>
            <FieldError state={scheduleState} name="action" id="schedule-action" />
            <label htmlFor="schedule-at">日期和时间（北京时间）</label>
            <input
              id="schedule-at"
              name="runAt"
              type="datetime-local"
              step={1}
              required
              defaultValue={typed('runAt', pending?.runAtValue ?? '')}
              {...invalidProps(scheduleState, 'runAt', 'schedule-at')}
            />
            <FieldError state={scheduleState} name="runAt" id="schedule-at" />
            <p className="muted" style={{ margin: 0, fontSize: 13 }}>
              定时发布只发布现在这个已批准的版本：之后再修改，这个安排就会失效，需重新审核后再安排。
              {pending && '新的安排会替换现有的安排。'}
            </p>
            <button type="submit" className="button primary" disabled={scheduling}>
              {pending ? '重新安排' : '安排'}
            </button>
          </form>
        </details>
      )}
      <Result state={scheduleState} />
    </div>
  );
}
