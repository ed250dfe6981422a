'use server';

import { cookies } from 'next/headers';
import { AuthError } from 'next-auth';
import { isHttpsOrigin, siteOrigin } from '@/lib/config/site-origin';
import { db } from '@/lib/db/client';
import { signIn, signOut } from './auth';
import { checkPassword } from './authenticate';
import { requestClient } from './request-ip';
import { ticketTtlMs } from './sign-in-ticket';
import { codeMessages, completeSecondFactor } from './two-factor';

export type SignInState = { step: 'password' | 'second-factor'; error?: string; email?: string };

// Between the password and the second factor the browser holds its sign-in ticket here: a
// random token, valid for five minutes, that only the sign-in page's requests carry.
const ticketCookie = { name: 'baoda-sign-in', path: '/login' } as const;
const timedOut = '登录已超时，请重新输入邮箱和密码';

/** Only same-site admin paths: never redirect to a URL the client chose. */
function redirectTarget(next: FormDataEntryValue | null): string {
  const path = typeof next === 'string' ? next : '';
  return /^\/admin(\/|\?|$)/.test(path) ? path : '/admin';
}

// Sign-in is authorized by the credentials themselves: the password step (lib/auth/authenticate.ts),
// then, for users who have it, the second factor (lib/auth/two-factor.ts). Both are throttled.
export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const client = await requestClient();
  const jar = await cookies();
  let ticket: string;
  if (formData.get('step') === 'second-factor') {
    const waiting = jar.get(ticketCookie.name)?.value;
    if (!waiting) return { step: 'password', error: timedOut };
    const result = await completeSecondFactor(db, waiting, String(formData.get('code') ?? ''), client);
    if (!result.ok && result.reason === 'expired') {
      jar.delete(ticketCookie);
      return { step: 'password', error: timedOut };
    }
    if (!result.ok) return { step: 'second-factor', error: result.reason === 'throttled' ? codeMessages.tooMany : codeMessages.wrong };
    jar.delete(ticketCookie);
    ticket = result.ticket;
  } else {
    const email = String(formData.get('email') ?? '');
    const result = await checkPassword(db, { email, password: String(formData.get('password') ?? '') }, client);
    if (!result.ok) {
      return { step: 'password', email, error: result.reason === 'throttled' ? '登录尝试次数过多，请稍后再试' : '邮箱或密码不正确' };
    }
    if (result.next === 'second-factor') {
      jar.set({ ...ticketCookie, value: result.ticket, httpOnly: true, sameSite: 'lax', secure: isHttpsOrigin(siteOrigin()), maxAge: ticketTtlMs.SECOND_FACTOR / 1000 });
      return { step: 'second-factor', email };
    }
    ticket = result.ticket;
  }
  try {
    // Redirects (by throwing) on success.
    await signIn('credentials', { ticket, redirectTo: redirectTarget(formData.get('next')) });
  } catch (error) {
    if (error instanceof AuthError) return { step: 'password', error: timedOut };
    throw error;
  }
  return { step: 'password' };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}
