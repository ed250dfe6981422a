'use server';

import { cookies } from 'next/headers';
import { AuthError } from 'next-auth';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { defineAction, noInput } from '@/lib/actions/define-action';
import { isHttpsOrigin, siteOrigin } from '@/lib/config/site-origin';
import { db } from '@/lib/db/client';
import { signIn, signOut } from './auth';
import { checkPassword } from './authenticate';
import { deviceCookieValue, knownDeviceCookie, knownDeviceTtlMs, readDeviceTokens, rememberDevice } from './known-devices';
import { requestClient } from './request-ip';
import { signInReturnPath } from './return-path';
import { ticketTtlMs } from './sign-in-ticket';
import { codeMessages, completeSecondFactor } from './two-factor';

export type SignInState = { step: 'password' | 'second-factor'; error?: string; email?: string };
/** A refused sign-in is a step of the form (its data), not a failed action: the form shows it as it shows the next step. */
export type SignInResult = ActionResult<SignInState>;

// Between the password and the second factor the browser holds its sign-in ticket here: a
// random token, valid for five minutes, that only the sign-in page's requests carry.
const ticketCookie = { name: 'baoda-sign-in', path: '/login' } as const;
const timedOut = '登录已超时，请重新输入邮箱和密码';

// Every field as it was typed, a missing one empty: whatever the form holds reaches the checks
// below, which throttle every attempt, so no rule here may answer before them.
const signInSchema = z.object({
  step: z.string().optional(),
  email: z.string().default(''),
  password: z.string().default(''),
  code: z.string().default(''),
  next: z.string().optional(),
});

// Public: sign-in is authorized by the credentials themselves: the password step
// (lib/auth/authenticate.ts), then, for users who have it, the second factor
// (lib/auth/two-factor.ts). Both are throttled.
export const signInAction = defineAction('public', signInSchema, async ({ input }): Promise<SignInState> => {
  const client = await requestClient();
  const jar = await cookies();
  const secure = isHttpsOrigin(siteOrigin());
  // The accounts this browser signed in to before: exempt from their account-wide limit only.
  const deviceTokens = readDeviceTokens(jar.get(knownDeviceCookie.name)?.value);
  let ticket: string;
  let userId: string;
  if (input.step === 'second-factor') {
    const waiting = jar.get(ticketCookie.name)?.value;
    if (!waiting) return { step: 'password', error: timedOut };
    const result = await completeSecondFactor(db, waiting, input.code, client, deviceTokens);
    if (!result.ok && result.reason === 'expired') {
      jar.delete(ticketCookie);
      return { step: 'password', error: timedOut };
    }
    if (!result.ok) return { step: 'second-factor', error: result.reason === 'throttled' ? codeMessages.tooMany : codeMessages.wrong };
    jar.delete(ticketCookie);
    ({ ticket, userId } = result);
  } else {
    const email = input.email;
    const result = await checkPassword(db, { email, password: input.password }, client, deviceTokens);
    if (!result.ok) {
      return { step: 'password', email, error: result.reason === 'throttled' ? '登录尝试次数过多，请稍后再试' : '邮箱或密码不正确' };
    }
    if (result.next === 'second-factor') {
      jar.set({
        ...ticketCookie,
        value: result.ticket,
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: ticketTtlMs.SECOND_FACTOR / 1000,
      });
      return { step: 'second-factor', email };
    }
    ({ ticket, userId } = result);
  }
  // Every factor checked out: from now on this browser is a known device of the account. Remembered
  // before the ticket is redeemed, as a redirect is how signIn reports success; a ticket that then
  // fails to redeem (expired, the account deactivated meanwhile) followed correct credentials all the same.
  const tokens = await rememberDevice(db, userId, deviceTokens);
  jar.set({ ...knownDeviceCookie, value: deviceCookieValue(tokens), httpOnly: true, sameSite: 'lax', secure, maxAge: knownDeviceTtlMs / 1000 });
  try {
    // Redirects (by throwing) on success.
    await signIn('credentials', { ticket, redirectTo: signInReturnPath(input.next) });
  } catch (error) {
    if (error instanceof AuthError) return { step: 'password', error: timedOut };
    throw error;
  }
  return { step: 'password' };
});

// Public: it ends the caller's own session, whoever they are.
const signOutDefined = defineAction('public', noInput, async () => {
  await signOut({ redirectTo: '/login' });
});

/** For a plain `<form action>`, which takes no result: signing out redirects (to the sign-in page). */
export async function signOutAction(): Promise<void> {
  await signOutDefined();
}
