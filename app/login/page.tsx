import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/session';
import { SignInForm } from '@/components/auth/sign-in-form';

export const metadata: Metadata = { title: '登录', robots: { index: false } };

const notices: Record<string, string> = { 'password-set': '密码已设置，请用新密码登录。' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; notice?: string }> }) {
  if (await getCurrentUser()) redirect('/admin');
  const { next, notice } = await searchParams;
  return (
    <main style={{ maxWidth: 380, margin: '12vh auto', padding: 24 }}>
      <h1 style={{ marginBottom: 4 }}>保答 CMS</h1>
      <p className="muted" style={{ marginTop: 0 }}>
        编辑与审核人员登录
      </p>
      <SignInForm next={typeof next === 'string' ? next : ''} notice={typeof notice === 'string' ? notices[notice] : undefined} />
    </main>
  );
}
