import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client';
import { AppError, isAppError } from '@/lib/errors';
import type { CurrentUser } from './session-types';
import { auth } from './auth';
import { roleHas, type Permission } from './permissions';

export type { CurrentUser };

/**
 * The signed-in user as the database says now: a deactivated account, or a token from before a
 * role/password change or "sign out everywhere" (session version bump), counts as signed out.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = (await auth()) as { uid?: string; sv?: number } | null;
  if (!session?.uid) return null;
  const user = await db.user.findUnique({
    where: { id: session.uid },
    select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true },
  });
  if (!user || !user.active || user.sessionVersion !== session.sv) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/** For pages: signed-out visitors go to the sign-in page. */
export async function requireUser(permission: Permission = 'admin:access'): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/login');
  if (!roleHas(user.role, permission)) redirect('/admin?denied=1');
  return user;
}

/** For server actions and route handlers: throws instead of redirecting. */
export async function authorize(permission: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
  if (!roleHas(user.role, permission)) throw new AppError('FORBIDDEN', '没有权限执行此操作');
  return user;
}

/** For route handlers: authorize, or the JSON error response (401 or 403) to return instead. */
export async function authorizeRoute(permission: Permission): Promise<{ user: CurrentUser; denied?: never } | { denied: NextResponse }> {
  try {
    return { user: await authorize(permission) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { denied: NextResponse.json({ error: error.message }, { status: error.code === 'UNAUTHENTICATED' ? 401 : 403 }) };
  }
}
