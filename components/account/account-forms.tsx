'use client';

import { useActionState, useState, useTransition } from 'react';
import { FieldError, invalidProps } from '@/components/ui/field-error';
import type { ActionResult } from '@/lib/action-result';
import type { TotpEnrolment } from '@/lib/auth/two-factor';
import {
  beginTwoFactorAction,
  changePasswordAction,
  confirmTwoFactorAction,
  disableTwoFactorAction,
  endOtherSessionsAction,
  endOwnSessionAction,
  renewRecoveryCodesAction,
  type AccountActionState,
} from '@/lib/users/actions';

export function ActionMessage({ state }: { state: ActionResult<unknown> | null }) {
  if (!state) return null;
  if (!state.ok)
    return (
      <p className="alert error" role="alert">
        {state.error}
      </p>
    );
  return state.message ? (
    <p className="alert success" role="status">
      {state.message}
    </p>
  ) : null;
}

export function EndSessionButton({ sessionId, label }: { sessionId: string; label: string }) {
  const [state, action, pending] = useActionState<AccountActionState, FormData>(endOwnSessionAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="sessionId" value={sessionId} />
      <button type="submit" className="button danger" disabled={pending} aria-label={`结束会话：${label}`}>
        结束会话
      </button>
      {state && !state.ok && (
        <span role="alert" className="error-text">
          {state.error}
        </span>
      )}
    </form>
  );
}

export function EndOtherSessionsButton() {
  const [state, action, pending] = useActionState<AccountActionState>(endOtherSessionsAction, null);
  return (
    <form action={action}>
      <button type="submit" className="button" disabled={pending}>
        退出其他所有会话
      </button>
      <ActionMessage state={state} />
    </form>
  );
}

/** A new password, typed twice, with the policy (lib/auth/password-policy.ts) in words. */
export function NewPasswordFields({ name, state }: { name: string; state: ActionResult<unknown> | null }) {
  return (
    <>
      <label htmlFor="new-password">新密码</label>
      <input
        id="new-password"
        name={name}
        type="password"
        autoComplete="new-password"
        required
        {...invalidProps(state, name, 'new-password', 'password-rules')}
      />
      <FieldError state={state} name={name} id="new-password" />
      <label htmlFor="confirm-password">再次输入新密码</label>
      <input
        id="confirm-password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        {...invalidProps(state, 'confirm', 'confirm-password')}
      />
      <FieldError state={state} name="confirm" id="confirm-password" />
      <p id="password-rules" className="muted small">
        至少 12 个字符；不能是常见密码，也不能包含你的邮箱。
      </p>
    </>
  );
}

/** A verification code field (an authenticator's code or a recovery code) with its error beside it. */
function CodeField({ id, label, state, numeric }: { id: string; label: string; state: ActionResult<unknown> | null; numeric?: boolean }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name="code"
        inputMode={numeric ? 'numeric' : undefined}
        autoComplete="one-time-code"
        required
        maxLength={numeric ? 10 : 40}
        {...invalidProps(state, 'code', id)}
      />
      <FieldError state={state} name="code" id={id} />
    </>
  );
}

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<AccountActionState, FormData>(changePasswordAction, null);
  return (
    <form action={action} className="stack-form" noValidate>
      <label htmlFor="current-password">当前密码</label>
      <input
        id="current-password"
        name="current"
        type="password"
        autoComplete="current-password"
        required
        {...invalidProps(state, 'current', 'current-password')}
      />
      <FieldError state={state} name="current" id="current-password" />
      <NewPasswordFields name="next" state={state} />
      <button type="submit" className="button primary" disabled={pending}>
        修改密码
      </button>
      <ActionMessage state={state} />
    </form>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="alert warn" role="status">
      <p>
        <strong>请立即保存这 {codes.length} 个恢复码。</strong>手机丢失时，每个恢复码可代替验证码登录一次。它们只显示这一次。
      </p>
      <ul className="recovery-codes" aria-label="恢复码">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Set up, or turn off, two-factor sign-in with an authenticator app. */
export function TwoFactorPanel({ enabled, recoveryCodesLeft }: { enabled: boolean; recoveryCodesLeft: number }) {
  const [enrolment, setEnrolment] = useState<ActionResult<TotpEnrolment> | null>(null);
  const [starting, startTransition] = useTransition();
  const [confirmState, confirmAction, confirming] = useActionState<ActionResult<string[]> | null, FormData>(confirmTwoFactorAction, null);
  const [renewState, renewAction, renewing] = useActionState<ActionResult<string[]> | null, FormData>(renewRecoveryCodesAction, null);
  const [disableState, disableAction, disabling] = useActionState<AccountActionState, FormData>(disableTwoFactorAction, null);

  if (confirmState?.ok) {
    return (
      <>
        <p className="alert success" role="status">
          两步验证已启用。下次登录时需要输入验证码。
        </p>
        <RecoveryCodes codes={confirmState.data} />
      </>
    );
  }
  if (enabled) {
    return (
      <>
        <p>
          状态：<strong>已启用</strong>（剩余 {recoveryCodesLeft} 个未使用的恢复码）
        </p>
        <p className="muted small">重新生成恢复码或关闭两步验证时，需要输入身份验证器中的当前验证码（或一个未使用的恢复码）。</p>
        {renewState?.ok && <RecoveryCodes codes={renewState.data} />}
        <form action={renewAction} className="inline-form">
          <CodeField id="renew-code" label="验证码" state={renewState} />
          <button type="submit" className="button" disabled={renewing}>
            重新生成恢复码
          </button>
        </form>
        <ActionMessage state={renewState} />
        <form action={disableAction} className="inline-form">
          <CodeField id="disable-code" label="验证码" state={disableState} />
          <button type="submit" className="button danger" disabled={disabling}>
            关闭两步验证
          </button>
        </form>
        <ActionMessage state={disableState} />
      </>
    );
  }
  const started = enrolment?.ok ? enrolment.data : null;
  return (
    <>
      {disableState?.ok && <ActionMessage state={disableState} />}
      <p>
        状态：<strong>未启用</strong>。启用后，登录时除密码外还需输入身份验证器应用（如 Microsoft Authenticator、Google 身份验证器）中的 6 位验证码。
      </p>
      {!started && (
        <button
          type="button"
          className="button primary"
          disabled={starting}
          onClick={() => startTransition(async () => setEnrolment(await beginTwoFactorAction()))}
        >
          启用两步验证
        </button>
      )}
      {enrolment && !enrolment.ok && <ActionMessage state={enrolment} />}
      {started && (
        <div>
          <p>1. 用身份验证器应用扫描二维码，或手动输入密钥：</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- an inline SVG data URL, not a remote image */}
          <img src={started.qrDataUrl} alt="两步验证二维码" width={200} height={200} />
          <p>
            密钥：<code data-testid="totp-secret">{started.secret}</code>
          </p>
          <form action={confirmAction} className="inline-form">
            <CodeField id="confirm-code" label="2. 输入应用显示的 6 位验证码" state={confirmState} numeric />
            <button type="submit" className="button primary" disabled={confirming}>
              确认启用
            </button>
          </form>
          <ActionMessage state={confirmState} />
        </div>
      )}
    </>
  );
}
