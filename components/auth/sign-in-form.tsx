'use client';

import { useActionState } from 'react';
import { signInAction, type SignInState } from '@/lib/auth/actions';

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} noValidate>
      <input type="hidden" name="next" value={next} />
      <label htmlFor="email">邮箱</label>
      <input id="email" name="email" type="email" autoComplete="username" required defaultValue={state.email} style={{ width: '100%' }} />
      <label htmlFor="password">密码</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required style={{ width: '100%' }} />
      {state.error && <p className="alert error" role="alert">{state.error}</p>}
      <button type="submit" className="button primary" disabled={pending} style={{ marginTop: 16, width: '100%', justifyContent: 'center' }}>
        {pending ? '正在登录…' : '登录'}
      </button>
    </form>
  );
}
