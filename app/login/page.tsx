import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { signInReturnPath } from '@/lib/auth/return-path';
import { getCurrentUser } from '@/lib/auth/session';
import { SignInForm } from '@/components/auth/sign-in-form';

export const metadata: Metadata = { title: '登录', robots: { index: false } };

const notices: Record<string, string> = { 'password-set': '密码已设置，请用新密码登录。' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; notice?: string }> }) {
  const { next, notice } = await searchParams;
  // The form carries the resolved admin path, never the text of the link (the action checks it again).
  const returnPath = signInReturnPath(next);
  if (await getCurrentUser()) redirect(returnPath);
  return (
    <main style={{ maxWidth: 380, margin: '12vh auto', padding: 24 }}>
      <h1 style={{ marginBottom: 4 }}>保答 CMS</h1>
      <p className="muted" style={{ marginTop: 0 }}>
        编辑与审核人员登录
      </p>
      <SignInForm next={returnPath} notice={typeof notice === 'string' ? notices[notice] : undefined} />
    </main>
  );
}
