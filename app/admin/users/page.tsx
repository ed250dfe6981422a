import { PageHeader } from '@/components/admin/page-header';
import { CreateUserForm, UserRow } from '@/components/users/user-forms';
import { requireUser } from '@/lib/auth/session';
import { siteOrigin } from '@/lib/config/site-origin';
import { formatDateTime } from '@/lib/dates';
import { listUsers } from '@/lib/users/queries';

export const metadata = { title: '用户' };

export default async function UsersPage() {
  const me = await requireUser('user:manage');
  const users = await listUsers();
  const origin = siteOrigin();
  return (
    <>
      <PageHeader title="用户" />
      <table className="data" aria-label="用户列表">
        <thead>
          <tr>
            <th>姓名</th>
            <th>邮箱</th>
            <th>角色</th>
            <th>状态</th>
            <th>两步验证</th>
            <th>操作</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <UserRow key={u.id} user={{ ...u, lockedUntil: u.lockedUntil && formatDateTime(u.lockedUntil) }} isSelf={u.id === me.id} origin={origin} />
          ))}
        </tbody>
      </table>
      <h2 className="section">新建用户</h2>
      <CreateUserForm origin={origin} />
    </>
  );
}
