import Link from 'next/link';
import type { Metadata } from 'next';
import styles from '@/components/admin/admin.module.css';
import { signOutAction } from '@/lib/auth/actions';
import { roleHas } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { roleLabels } from '@/lib/users/roles';

export const metadata: Metadata = { title: '管理后台', robots: { index: false, follow: false } };

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  // The account page is reachable before a required second factor is set up; every other page
  // sends such a user there (lib/auth/session.ts), so the navigation offers only that.
  const user = await requireUser('admin:access', { beforeTwoFactor: true });
  const can = (permission: Parameters<typeof roleHas>[1]) => !user.mustEnrolTwoFactor && roleHas(user.role, permission);
  return (
    <div className={styles.shell}>
      <nav className={styles.sidebar} aria-label="后台导航">
        <Link href="/admin" className={styles.brand}>
          保答 CMS
        </Link>
        {can('admin:access') && (
          <>
            <Link href="/admin" className={styles.navLink}>
              概览
            </Link>
            <Link href="/admin/articles" className={styles.navLink}>
              文章
            </Link>
            <Link href="/admin/freshness" className={styles.navLink}>
              政策时效
            </Link>
          </>
        )}
        {can('article:review') && (
          <Link href="/admin/review" className={styles.navLink}>
            审核队列
          </Link>
        )}
        {can('article:import') && (
          <Link href="/admin/import" className={styles.navLink}>
            导入
          </Link>
        )}
        {can('article:delete-own-draft') && (
          <Link href="/admin/trash" className={styles.navLink}>
            回收站
          </Link>
        )}
        {can('user:manage') && (
          <Link href="/admin/users" className={styles.navLink}>
            用户
          </Link>
        )}
        {can('settings:manage') && (
          <Link href="/admin/settings" className={styles.navLink}>
            设置
          </Link>
        )}
        {can('audit:read') && (
          <Link href="/admin/audit" className={styles.navLink}>
            审计日志
          </Link>
        )}
        <Link href="/admin/account" className={styles.navLink}>
          我的账户
        </Link>
        <Link href="/" className={styles.navLink} target="_blank">
          查看网站 ↗
        </Link>
        <div className={styles.user}>
          <div data-testid="current-user">
            {user.name}（{roleLabels[user.role]}）
          </div>
          <form action={signOutAction}>
            <button type="submit">退出登录</button>
          </form>
        </div>
      </nav>
      <main className={styles.main}>{children}</main>
    </div>
  );
}
