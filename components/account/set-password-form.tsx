'use client';

import { useActionState } from 'react';
import { setPasswordWithLinkAction, type AccountActionState } from '@/lib/users/actions';
import { ActionMessage, NewPasswordFields } from './account-forms';

export function SetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<AccountActionState, FormData>(setPasswordWithLinkAction, null);
  return (
    <form action={action} className="stack-form" noValidate>
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields name="password" state={state} />
      <button type="submit" className="button primary" disabled={pending}>
        设置密码
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
