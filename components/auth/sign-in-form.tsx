'use client';

import { useActionState } from 'react';
import { signInAction, type SignInResult, type SignInState } from '@/lib/auth/actions';

export function SignInForm({ next, notice }: { next: string; notice?: string }) {
  const [result, action, pending] = useActionState<SignInResult, FormData>(signInAction, { ok: true, data: { step: 'password' } });
  const state: SignInState = result.ok ? result.data : { step: 'password', error: result.error };
  const button = (idle: string, busy: string) => (
    <button type="submit" className="button primary" disabled={pending} style={{ marginTop: 16, width: '100%', justifyContent: 'center' }}>
      {pending ? busy : idle}
    </button>
  );
  if (state.step === 'second-factor') {
    return (
      <form action={action} noValidate>
        <input type="hidden" name="step" value="second-factor" />
        <input type="hidden" name="next" value={next} />
        <p>已验证密码。请打开身份验证器应用，输入 {state.email ?? '该账号'} 的 6 位验证码；手机不在身边时可输入一个恢复码。</p>
        <label htmlFor="code">验证码或恢复码</label>
        {/* oxlint-disable-next-line jsx-a11y/no-autofocus -- this step replaces the form just sent: focus goes to its only field */}
        <input id="code" name="code" autoComplete="one-time-code" inputMode="text" required autoFocus maxLength={40} style={{ width: '100%' }} />
        {state.error && (
          <p className="alert error" role="alert">
            {state.error}
          </p>
        )}
        {button('验证', '正在验证…')}
        <p className="muted" style={{ fontSize: 13 }}>
          {/* oxlint-disable-next-line nextjs/no-html-link-for-pages -- a full load on purpose: it drops the form's second-factor state */}
          <a href="/login">返回，重新输入密码</a>
        </p>
      </form>
    );
  }
  return (
    <form action={action} noValidate>
      <input type="hidden" name="next" value={next} />
      {notice && !state.error && (
        <p className="alert success" role="status">
          {notice}
        </p>
      )}
      <label htmlFor="email">邮箱</label>
      <input id="email" name="email" type="email" autoComplete="username" required defaultValue={state.email} style={{ width: '100%' }} />
      <label htmlFor="password">密码</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required style={{ width: '100%' }} />
      {state.error && (
        <p className="alert error" role="alert">
          {state.error}
        </p>
      )}
      {button('登录', '正在登录…')}
    </form>
  );
}
