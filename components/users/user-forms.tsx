'use client';

import { useActionState } from 'react';
import { FieldError, invalidProps } from '@/components/ui/field-error';
import { useFormAction } from '@/components/ui/use-form-action';
import type { Role } from '@/lib/generated/prisma/enums';
import { createUserAction, updateUserAction, type UserActionState } from '@/lib/users/actions';
import { roleLabels } from '@/lib/users/roles';

/** The one-time link an action handed back, as an absolute address the admin can copy. */
function PasswordLink({ state, origin }: { state: UserActionState; origin: string }) {
  const path = state?.ok ? state.data?.passwordLink : undefined;
  if (!path) return null;
  return (
    <div className="alert warn" role="status">
      <p>请把这个一次性链接发给本人，用它设置密码（1 小时内有效，只能使用一次，只显示这一次）：</p>
      <code className="link-box" data-testid="password-link">
        {origin}
        {path}
      </code>
    </div>
  );
}

function Message({ state }: { state: UserActionState }) {
  if (!state) return null;
  return state.ok ? (
    <span role="status" className="muted">
      {state.message}
    </span>
  ) : (
    <span role="alert" className="error-text">
      {state.error}
    </span>
  );
}

type UserRowProps = {
  /** `lockedUntil`: the end of a sign-in lock as shown (China time), null when not locked. */
  user: { id: string; email: string; name: string; role: Role; active: boolean; twoFactor: boolean; lockedUntil: string | null };
  isSelf: boolean;
  origin: string;
};

export function UserRow({ user, isSelf, origin }: UserRowProps) {
  const [state, action, pending] = useActionState<UserActionState, FormData>(updateUserAction, null);
  const hidden = (kind: string) => (
    <>
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="kind" value={kind} />
    </>
  );
  return (
    <tr data-testid={`user-${user.email}`}>
      <td>{user.name}</td>
      <td>{user.email}</td>
      <td>
        <form action={action} className="inline-form">
          {hidden('role')}
          <select name="role" defaultValue={user.role} aria-label={`${user.name}的角色`} disabled={isSelf}>
            {Object.entries(roleLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {!isSelf && (
            <button type="submit" className="button" disabled={pending}>
              修改角色
            </button>
          )}
        </form>
      </td>
      <td>
        {user.active ? '正常' : '已停用'}
        {user.lockedUntil && (
          <>
            <span className="badge badge-inline">已锁定</span>
            <div className="muted small">至 {user.lockedUntil}。登录失败次数过多，只有曾登录过此账号的浏览器可以登录</div>
          </>
        )}
      </td>
      <td>{user.twoFactor ? '已启用' : '未启用'}</td>
      <td>
        <div className="inline-form">
          {!isSelf && (
            <form action={action}>
              {hidden('active')}
              <input type="hidden" name="active" value={user.active ? 'false' : 'true'} />
              <button type="submit" className={user.active ? 'button danger' : 'button'} disabled={pending}>
                {user.active ? '停用' : '启用'}
              </button>
            </form>
          )}
          <form action={action}>
            {hidden('sign-out-everywhere')}
            <button type="submit" className="button" disabled={pending}>
              退出所有会话
            </button>
          </form>
          {!isSelf && user.active && (
            <form action={action}>
              {hidden('password-link')}
              <button type="submit" className="button" disabled={pending}>
                生成重设密码链接
              </button>
            </form>
          )}
          {user.lockedUntil && (
            <form action={action}>
              {hidden('lift-lock')}
              <button type="submit" className="button" disabled={pending}>
                解除锁定
              </button>
            </form>
          )}
          {!isSelf && user.twoFactor && (
            <form action={action}>
              {hidden('reset-two-factor')}
              <button type="submit" className="button danger" disabled={pending}>
                重置两步验证
              </button>
            </form>
          )}
          <Message state={state} />
        </div>
        <PasswordLink state={state} origin={origin} />
      </td>
    </tr>
  );
}

export function CreateUserForm({ origin }: { origin: string }) {
  const { state, formAction, pending, typed } = useFormAction<UserActionState>(createUserAction, null);
  return (
    <>
      <form action={formAction} className="inline-form">
        <div>
          <label htmlFor="new-user-name">姓名</label>
          <input id="new-user-name" name="name" required defaultValue={typed('name', '')} {...invalidProps(state, 'name', 'new-user-name')} />
          <FieldError state={state} name="name" id="new-user-name" />
        </div>
        <div>
          <label htmlFor="new-user-email">邮箱</label>
          <input id="new-user-email" name="email" type="email" required defaultValue={typed('email', '')} {...invalidProps(state, 'email', 'new-user-email')} />
          <FieldError state={state} name="email" id="new-user-email" />
        </div>
        <div>
          <label htmlFor="new-user-role">角色</label>
          <select id="new-user-role" name="role" defaultValue={typed('role', 'EDITOR')} {...invalidProps(state, 'role', 'new-user-role')}>
            {Object.entries(roleLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <FieldError state={state} name="role" id="new-user-role" />
        </div>
        <button type="submit" className="button primary" disabled={pending}>
          创建
        </button>
        <Message state={state} />
      </form>
      <p className="muted small">新用户会得到一个设置密码的一次性链接，管理员无需也无法知道用户的密码。</p>
      <PasswordLink state={state} origin={origin} />
    </>
  );
}
