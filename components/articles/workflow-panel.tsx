'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FieldError, invalidProps } from '@/components/ui/field-error';
import { publishAction, reviewAction, submitAction, unpublishAction, type WorkflowState } from '@/lib/workflow/actions';
import type { PanelSchedule } from '@/lib/workflow/panel-props';
import { latestKnownVersion } from './saved-version';
import { ScheduleForm } from './schedule-form';

export type WorkflowPanelProps = {
  articleId: string;
  version: number;
  canSubmit: boolean;
  canReview: boolean;
  reviewBlockedReason: string | null;
  canPublish: boolean;
  canUnpublish: boolean;
  canCancelSchedule: boolean;
  schedule: PanelSchedule | null;
  canTrash: boolean;
};

function Result({ state }: { state: WorkflowState }) {
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

function Target({ articleId, version }: { articleId: string; version: number }) {
  return (
    <>
      <input type="hidden" name="articleId" value={articleId} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}

// Buttons appear by role and status; the server checks every rule again on each action.
export function WorkflowPanel(props: WorkflowPanelProps) {
  const [submitState, submit, submitting] = useActionState<WorkflowState, FormData>(submitAction, null);
  const [reviewState, review, reviewing] = useActionState<WorkflowState, FormData>(reviewAction, null);
  const [publishState, publish, publishing] = useActionState<WorkflowState, FormData>(publishAction, null);
  const [unpublishState, unpublish, unpublishing] = useActionState<WorkflowState, FormData>(unpublishAction, null);
  // Each transition acts on the version this page's editor last saved, if that is newer than the render.
  const onLatest = (dispatch: (formData: FormData) => void) => (formData: FormData) => {
    formData.set('version', String(latestKnownVersion(props.articleId, props.version)));
    dispatch(formData);
  };

  return (
    <section aria-label="工作流">
      {props.canSubmit && (
        <form action={onLatest(submit)}>
          <Target {...props} />
          <button type="submit" className="button primary" disabled={submitting}>
            提交审核
          </button>
        </form>
      )}
      <Result state={submitState} />

      {props.canReview &&
        (props.reviewBlockedReason ? (
          <p className="alert warn">{props.reviewBlockedReason}</p>
        ) : (
          <form action={onLatest(review)}>
            <Target {...props} />
            <label htmlFor="review-comment">审核意见</label>
            <textarea
              id="review-comment"
              name="comment"
              rows={3}
              maxLength={2000}
              placeholder="退回修改时必填"
              {...invalidProps(reviewState, 'comment', 'review-comment')}
            />
            <FieldError state={reviewState} name="comment" id="review-comment" />
            <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
              <button type="submit" name="decision" value="APPROVED" className="button primary" disabled={reviewing}>
                批准
              </button>
              <button type="submit" name="decision" value="CHANGES_REQUESTED" className="button danger" disabled={reviewing}>
                退回修改
              </button>
            </div>
          </form>
        ))}
      <Result state={reviewState} />

      {props.canPublish && (
        <form action={onLatest(publish)}>
          <Target {...props} />
          <button type="submit" className="button primary" disabled={publishing}>
            发布
          </button>
        </form>
      )}
      <Result state={publishState} />

      {props.canUnpublish && (
        <form action={onLatest(unpublish)} style={{ marginTop: 8 }}>
          <Target {...props} />
          <button type="submit" className="button danger" disabled={unpublishing}>
            下线
          </button>
        </form>
      )}
      <Result state={unpublishState} />

      {(props.schedule || props.canPublish || props.canUnpublish) && (
        <ScheduleForm
          articleId={props.articleId}
          version={props.version}
          canPublish={props.canPublish}
          canUnpublish={props.canUnpublish}
          canCancel={props.canCancelSchedule}
          schedule={props.schedule}
        />
      )}

      {props.canTrash && (
        <div className="inline-form">
          <Link href={`/admin/articles/${props.articleId}/trash`} className="button danger">
            移到回收站
          </Link>
        </div>
      )}
    </section>
  );
}
