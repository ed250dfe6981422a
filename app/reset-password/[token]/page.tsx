import type { Metadata } from 'next';
import Link from 'next/link';
import { SetPasswordForm } from '@/components/account/set-password-form';
import { readPasswordLink } from '@/lib/users/queries';

// The token is in the address: never send it on as a referrer, never index the page.
export const metadata: Metadata = { title: '设置密码', robots: { index: false, follow: false }, referrer: 'no-referrer' };

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = token.length <= 100 ? await readPasswordLink(token) : null;
  return (
    <main className="narrow-page">
      <h1>设置密码</h1>
      {user ? (
        <>
          <p>
            为 {user.name}（{user.email}）设置登录密码。设置后，该账号在其他设备上的会话都会结束。
          </p>
          <SetPasswordForm token={token} />
        </>
      ) : (
        <>
          <p className="alert error" role="alert">
            链接无效或已过期，请联系管理员重新发送。
          </p>
          <p>
            <Link href="/login">返回登录</Link>
          </p>
        </>
      )}
    </main>
  );
}
