'use client';

import { useActionState } from 'react';
import { createUserAction, updateUserAction, type UserActionState } from '@/lib/users/actions';

const roleLabels = { ADMIN: '管理员', EDITOR: '编辑', REVIEWER: '审核员' } as const;
type Role = keyof typeof roleLabels;

function Message({ state }: { state: UserActionState }) {
  if (!state) return null;
  return state.ok ? <span role="status" className="muted">{state.message}</span> : <span role="alert" style={{ color: 'var(--danger)' }}>{state.error}</span>;
}

export function UserRow({ user, isSelf }: { user: { id: string; email: string; name: string; role: Role; active: boolean }; isSelf: boolean }) {
  const [state, action, pending] = useActionState<UserActionState, FormData>(updateUserAction, null);
  return (
    <tr data-testid={`user-${user.email}`}>
      <td>{user.name}</td>
      <td>{user.email}</td>
      <td>
        <form action={action} style={{ display: 'flex', gap: 6 }}>
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="kind" value="role" />
          <select name="role" defaultValue={user.role} aria-label={`${user.name}的角色`} disabled={isSelf}>
            {Object.entries(roleLabels).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
          {!isSelf && <button type="submit" className="button" disabled={pending}>修改角色</button>}
        </form>
      </td>
      <td>{user.active ? '正常' : '已停用'}</td>
      <td style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
        {!isSelf && (
          <form action={action}>
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="kind" value="active" />
            <input type="hidden" name="active" value={user.active ? 'false' : 'true'} />
            <button type="submit" className={user.active ? 'button danger' : 'button'} disabled={pending}>{user.active ? '停用' : '启用'}</button>
          </form>
        )}
        <form action={action}>
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="kind" value="sign-out-everywhere" />
          <button type="submit" className="button" disabled={pending}>退出所有会话</button>
        </form>
        <Message state={state} />
      </td>
    </tr>
  );
}

export function CreateUserForm() {
  const [state, action, pending] = useActionState<UserActionState, FormData>(createUserAction, null);
  return (
    <form action={action} style={{ display: 'flex', gap: 12, alignItems: 'flex-end', flexWrap: 'wrap' }}>
      <div><label htmlFor="new-user-name">姓名</label><input id="new-user-name" name="name" required /></div>
      <div><label htmlFor="new-user-email">邮箱</label><input id="new-user-email" name="email" type="email" required /></div>
      <div>
        <label htmlFor="new-user-role">角色</label>
        <select id="new-user-role" name="role" defaultValue="EDITOR">
          {Object.entries(roleLabels).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </div>
      <div><label htmlFor="new-user-password">初始密码</label><input id="new-user-password" name="password" type="password" minLength={10} required /></div>
      <button type="submit" className="button primary" disabled={pending}>创建</button>
      <Message state={state} />
    </form>
  );
}
