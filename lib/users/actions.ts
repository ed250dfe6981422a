'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { toActionResult, type ActionResult } from '@/lib/action-result';
import { requestIp } from '@/lib/auth/request-ip';
import { authorize } from '@/lib/auth/session';
import { endOtherSessions, endSession } from '@/lib/auth/sessions';
import { beginTotpEnrolment, confirmTotpEnrolment, disableTwoFactor, renewRecoveryCodes, type TotpEnrolment } from '@/lib/auth/two-factor';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { changeOwnPassword } from './change-password';
import { inviteUser, newUserSchema } from './create-user';
import { passwordLinkPath, setPasswordWithLink } from './password-reset';
import { roles } from './roles';
import { updateUser, type UserChange } from './update-user';

export type UserActionState = ActionResult<{ passwordLink?: string } | undefined> | null;

const userIdSchema = z.string().min(1).max(40);

const changeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('role'), role: z.enum(roles) }),
  z.object({ kind: z.literal('active'), active: z.enum(['true', 'false']).transform((v) => v === 'true') }),
  z.object({ kind: z.literal('sign-out-everywhere') }),
  z.object({ kind: z.literal('password-link') }),
  z.object({ kind: z.literal('reset-two-factor') }),
]);

// --- Admins: /admin/users -------------------------------------------------------------------

export async function updateUserAction(_prev: UserActionState, formData: FormData): Promise<UserActionState> {
  return toActionResult(async () => {
    const actor = await authorize('user:manage');
    const userId = userIdSchema.parse(formData.get('userId'));
    const change = changeSchema.parse(Object.fromEntries(formData)) as UserChange;
    const result = await updateUser(actor, userId, change, await requestIp());
    revalidatePath('/admin/users');
    return result.passwordToken ? { passwordLink: passwordLinkPath(result.passwordToken) } : undefined;
  }, '已更新');
}

export async function createUserAction(_prev: UserActionState, formData: FormData): Promise<UserActionState> {
  return toActionResult(async () => {
    const actor = await authorize('user:manage');
    const input = newUserSchema.parse(Object.fromEntries(formData));
    const { passwordToken } = await inviteUser(db, actor, input, await requestIp());
    revalidatePath('/admin/users');
    return { passwordLink: passwordLinkPath(passwordToken) };
  }, '用户已创建');
}

// --- Everyone, about themselves: /admin/account ----------------------------------------------
// These work before a required second factor is set up: setting it up is what they are for.

const own = { beforeTwoFactor: true } as const;

export type AccountActionState = ActionResult<unknown> | null;

export async function endOwnSessionAction(_prev: AccountActionState, formData: FormData): Promise<AccountActionState> {
  return toActionResult(async () => {
    const user = await authorize('admin:access', own);
    const sessionId = z.string().min(1).max(100).parse(formData.get('sessionId'));
    if (sessionId === user.sessionId) throw new AppError('INVALID', '这是当前会话，请用“退出登录”');
    if (!(await endSession(db, { userId: user.id, sessionId, actorId: user.id, reason: 'ended-by-user', ip: await requestIp() }))) {
      throw new AppError('NOT_FOUND', '该会话已结束');
    }
    revalidatePath('/admin/account');
  }, '会话已结束');
}

export async function endOtherSessionsAction(_prev: AccountActionState): Promise<AccountActionState> {
  return toActionResult(async () => {
    const user = await authorize('admin:access', own);
    await endOtherSessions(db, user, await requestIp());
    revalidatePath('/admin/account');
  }, '其他会话已全部结束');
}

const passwordChangeSchema = z
  .object({ current: z.string().min(1, '请输入当前密码').max(200), next: z.string().max(200, '密码过长'), confirm: z.string() })
  .refine((v) => v.next === v.confirm, { message: '两次输入的新密码不一致' });

export async function changePasswordAction(_prev: AccountActionState, formData: FormData): Promise<AccountActionState> {
  return toActionResult(async () => {
    const user = await authorize('admin:access', own);
    await changeOwnPassword(db, user, passwordChangeSchema.parse(Object.fromEntries(formData)), await requestIp());
    revalidatePath('/admin/account');
  }, '密码已修改，其他设备上的会话已结束');
}

const codeSchema = z.string().trim().min(1, '请输入验证码').max(40);

export async function beginTwoFactorAction(): Promise<ActionResult<TotpEnrolment>> {
  return toActionResult(async () => beginTotpEnrolment(db, await authorize('admin:access', own)));
}

export async function confirmTwoFactorAction(_prev: ActionResult<string[]> | null, formData: FormData): Promise<ActionResult<string[]>> {
  return toActionResult(async () => {
    const user = await authorize('admin:access', own);
    const codes = await confirmTotpEnrolment(db, user, codeSchema.parse(formData.get('code')), await requestIp());
    revalidatePath('/admin/account');
    return codes;
  }, '两步验证已启用');
}

export async function renewRecoveryCodesAction(_prev: ActionResult<string[]> | null, formData: FormData): Promise<ActionResult<string[]>> {
  return toActionResult(async () => {
    const user = await authorize('admin:access', own);
    const codes = await renewRecoveryCodes(db, user, codeSchema.parse(formData.get('code')), await requestIp());
    revalidatePath('/admin/account');
    return codes;
  }, '已生成新的恢复码，旧恢复码已失效');
}

export async function disableTwoFactorAction(_prev: AccountActionState, formData: FormData): Promise<AccountActionState> {
  return toActionResult(async () => {
    const user = await authorize('admin:access', own);
    await disableTwoFactor(db, user, codeSchema.parse(formData.get('code')), await requestIp());
    revalidatePath('/admin/account');
  }, '两步验证已关闭');
}

// --- Whoever holds a one-time link: /reset-password/<token> -------------------------------------

const linkPasswordSchema = z
  .object({ token: z.string().min(1).max(100), password: z.string().max(200, '密码过长'), confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: '两次输入的密码不一致' });

// Authorized by the link itself (a 256-bit token that works once, for an hour).
export async function setPasswordWithLinkAction(_prev: AccountActionState, formData: FormData): Promise<AccountActionState> {
  const result = await toActionResult(async () => {
    const input = linkPasswordSchema.parse(Object.fromEntries(formData));
    await setPasswordWithLink(db, input.token, input.password, await requestIp());
  });
  if (result.ok) redirect('/login?notice=password-set');
  return result;
}
