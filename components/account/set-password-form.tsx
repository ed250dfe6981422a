'use client';

import { useActionState } from 'react';
import { setPasswordWithLinkAction, type AccountActionState } from '@/lib/users/actions';
import { ActionMessage } from './account-forms';

export function SetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<AccountActionState, FormData>(setPasswordWithLinkAction, null);
  return (
    <form action={action} className="stack-form" noValidate>
      <input type="hidden" name="token" value={token} />
      <label htmlFor="new-password">新密码</label>
      <input id="new-password" name="password" type="password" autoComplete="new-password" required aria-describedby="password-rules" />
      <label htmlFor="confirm-password">再次输入新密码</label>
      <input id="confirm-password" name="confirm" type="password" autoComplete="new-password" required />
      <p id="password-rules" className="muted small">至少 12 个字符；不能是常见密码，也不能包含你的邮箱。</p>
      <button type="submit" className="button primary" disabled={pending}>设置密码</button>
      <ActionMessage state={state} />
    </form>
  );
}
