'use client';

import { useActionState } from 'react';
import { ActionMessage } from '@/components/account/account-forms';
import { FieldError, invalidProps } from '@/components/ui/field-error';
import type { ActionResult } from '@/lib/action-result';
import { updateSecuritySettingsAction } from '@/lib/settings/actions';
import { roleLabels } from '@/lib/users/roles';

export function SecuritySettingsForm({ requireTwoFactorFor }: { requireTwoFactorFor: string[] }) {
  const [state, action, pending] = useActionState<ActionResult<unknown> | null, FormData>(updateSecuritySettingsAction, null);
  return (
    <form action={action}>
      <fieldset {...invalidProps(state, 'requireTwoFactorFor', 'require-two-factor')}>
        <legend>必须使用两步验证的角色</legend>
        {Object.entries(roleLabels).map(([role, label]) => (
          <label key={role} className="checkbox-label">
            <input type="checkbox" name="requireTwoFactorFor" value={role} defaultChecked={requireTwoFactorFor.includes(role)} /> {label}
          </label>
        ))}
        <FieldError state={state} name="requireTwoFactorFor" id="require-two-factor" />
      </fieldset>
      <p className="muted small">勾选后，这些角色中尚未启用两步验证的用户登录后只能先在“我的账户”中启用它。</p>
      <button type="submit" className="button primary" disabled={pending}>
        保存
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
