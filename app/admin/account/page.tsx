import { PageHeader } from '@/components/admin/page-header';
import { ChangePasswordForm, EndOtherSessionsButton, EndSessionButton, TwoFactorPanel } from '@/components/account/account-forms';
import { deviceLabel } from '@/lib/auth/device-label';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/dates';
import { readAccount } from '@/lib/users/queries';
import { roleLabels } from '@/lib/users/roles';

export const metadata = { title: '我的账户' };

export default async function AccountPage() {
  const user = await requireUser('admin:access', { beforeTwoFactor: true });
  const { sessions, recoveryCodesLeft } = await readAccount(user.id);
  return (
    <>
      <PageHeader title="我的账户" />
      {user.mustEnrolTwoFactor && (
        <p className="alert warn" role="alert">
          管理员要求你的角色使用两步验证。请先启用两步验证，之后才能使用后台的其他功能。
        </p>
      )}
      <p>
        {user.name}（{roleLabels[user.role]}） · {user.email}
      </p>

      <section className="section" aria-labelledby="two-factor-heading">
        <h2 id="two-factor-heading">两步验证</h2>
        <TwoFactorPanel enabled={user.totpEnabled} recoveryCodesLeft={recoveryCodesLeft} />
      </section>

      <section className="section" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">登录会话</h2>
        <table className="data" aria-label="登录会话">
          <thead>
            <tr>
              <th>设备</th>
              <th>IP 地址</th>
              <th>登录时间</th>
              <th>最近活动</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => {
              const label = deviceLabel(s.userAgent);
              const current = s.id === user.sessionId;
              return (
                <tr key={s.id} data-testid={current ? 'session-current' : 'session-other'}>
                  <td>
                    {label}
                    {current && <span className="badge badge-inline">当前会话</span>}
                  </td>
                  <td>{s.ip ?? '未知'}</td>
                  <td>{formatDateTime(s.createdAt)}</td>
                  <td>{formatDateTime(s.lastSeenAt)}</td>
                  <td>{current ? <span className="muted">—</span> : <EndSessionButton sessionId={s.id} label={label} />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {sessions.length > 1 && <EndOtherSessionsButton />}
      </section>

      <section className="section" aria-labelledby="password-heading">
        <h2 id="password-heading">修改密码</h2>
        <ChangePasswordForm />
      </section>
    </>
  );
}
