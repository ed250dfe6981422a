'use server';

import { AuthError } from 'next-auth';
import { signIn, signOut } from './auth';

export type SignInState = { error?: string; email?: string };

// Sign-in is authorized by the credentials themselves (lib/auth/authenticate.ts).
export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get('email') ?? '');
  const next = String(formData.get('next') ?? '');
  try {
    await signIn('credentials', {
      email,
      password: String(formData.get('password') ?? ''),
      // Only same-site paths: never redirect to a URL the client chose.
      redirectTo: next.startsWith('/admin') ? next : '/admin',
    });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      return {
        email,
        error: code === 'throttled' ? '登录失败次数过多，请 15 分钟后再试' : '邮箱或密码不正确',
      };
    }
    throw error;
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}
