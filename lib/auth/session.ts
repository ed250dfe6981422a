import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client';
import { AppError, isAppError } from '@/lib/errors';
import { getSecuritySettings } from '@/lib/settings/security-settings';
import type { CurrentUser, SignedInUser } from './session-types';
import { auth } from './auth';
import { roleHas, type Permission } from './permissions';
import { findSessionUser } from './sessions';

export type { CurrentUser, SignedInUser };

/**
 * The signed-in user as the database says now: a token whose session was ended (sign-out,
 * another browser, a password or role change, deactivation) or has expired counts as signed out.
 */
export const getCurrentUser = cache(async (): Promise<SignedInUser | null> => {
  const session = (await auth()) as { uid?: string; sid?: string } | null;
  if (!session?.uid || !session.sid) return null;
  const user = await findSessionUser(db, session.sid);
  if (!user || user.id !== session.uid) return null;
  // The settings matter only to a user without a second factor: most requests skip the read.
  const mustEnrolTwoFactor = !user.totpEnabled && (await getSecuritySettings(db)).requireTwoFactorFor.includes(user.role);
  return { ...user, mustEnrolTwoFactor };
});

export const twoFactorSetupPath = '/admin/account';

type Options = {
  /** Only the account page and its actions: a user who must enrol a second factor may use them. */
  beforeTwoFactor?: boolean;
};

/** For pages: signed-out visitors go to the sign-in page. */
export async function requireUser(permission: Permission = 'admin:access', options: Options = {}): Promise<SignedInUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/login');
  if (user.mustEnrolTwoFactor && !options.beforeTwoFactor) redirect(twoFactorSetupPath);
  if (!roleHas(user.role, permission)) redirect('/admin?denied=1');
  return user;
}

/** For server actions and route handlers: throws instead of redirecting. */
export async function authorize(permission: Permission, options: Options = {}): Promise<SignedInUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
  if (user.mustEnrolTwoFactor && !options.beforeTwoFactor) throw new AppError('FORBIDDEN', '请先在“我的账户”中启用两步验证');
  if (!roleHas(user.role, permission)) throw new AppError('FORBIDDEN', '没有权限执行此操作');
  return user;
}

/** For route handlers: authorize, or the JSON error response (401 or 403) to return instead. */
export async function authorizeRoute(permission: Permission): Promise<{ user: SignedInUser; denied?: never } | { denied: NextResponse }> {
  try {
    return { user: await authorize(permission) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { denied: NextResponse.json({ error: error.message }, { status: error.code === 'UNAUTHENTICATED' ? 401 : 403 }) };
  }
}
