'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { defineAction, noInput } from '@/lib/actions/define-action';
import { requestIp } from '@/lib/auth/request-ip';
import { endOtherSessions, endSession } from '@/lib/auth/sessions';
import { beginTotpEnrolment, confirmTotpEnrolment, disableTwoFactor, renewRecoveryCodes } from '@/lib/auth/two-factor';
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
  z.object({ kind: z.literal('lift-lock') }),
]);

const userChangeSchema = z
  .object({ userId: userIdSchema })
  .and(changeSchema)
  .transform(({ userId, ...change }) => ({ userId, change: change as UserChange }));

// --- Admins: /admin/users -------------------------------------------------------------------

export const updateUserAction = defineAction(
  'user:manage',
  userChangeSchema,
  async ({ actor, input }): Promise<{ passwordLink?: string } | undefined> => {
    const result = await updateUser(actor, input.userId, input.change, await requestIp());
    revalidatePath('/admin/users');
    return result.passwordToken ? { passwordLink: passwordLinkPath(result.passwordToken) } : undefined;
  },
  { message: '已更新' },
);

export const createUserAction = defineAction(
  'user:manage',
  newUserSchema,
  async ({ actor, input }): Promise<{ passwordLink?: string } | undefined> => {
    const { passwordToken } = await inviteUser(db, actor, input, await requestIp());
    revalidatePath('/admin/users');
    return { passwordLink: passwordLinkPath(passwordToken) };
  },
  { message: '用户已创建' },
);

// --- Everyone, about themselves: /admin/account ----------------------------------------------
// These work before a required second factor is set up: setting it up is what they are for.

const own = { permission: 'admin:access', beforeTwoFactor: true } as const;

export type AccountActionState = ActionResult<unknown> | null;

export const endOwnSessionAction = defineAction(
  own,
  z.object({ sessionId: z.string().min(1).max(100) }),
  async ({ actor, input }) => {
    if (input.sessionId === actor.sessionId) throw new AppError('INVALID', '这是当前会话，请用“退出登录”');
    if (!(await endSession(db, { userId: actor.id, sessionId: input.sessionId, actorId: actor.id, reason: 'ended-by-user', ip: await requestIp() }))) {
      throw new AppError('NOT_FOUND', '该会话已结束');
    }
    revalidatePath('/admin/account');
  },
  { message: '会话已结束' },
);

export const endOtherSessionsAction = defineAction(
  own,
  noInput,
  async ({ actor }) => {
    await endOtherSessions(db, actor, await requestIp());
    revalidatePath('/admin/account');
  },
  { message: '其他会话已全部结束' },
);

const passwordChangeSchema = z
  .object({ current: z.string().min(1, '请输入当前密码').max(200), next: z.string().max(200, '密码过长'), confirm: z.string() })
  .refine((v) => v.next === v.confirm, { message: '两次输入的新密码不一致', path: ['confirm'] });

export const changePasswordAction = defineAction(
  own,
  passwordChangeSchema,
  async ({ actor, input }) => {
    await changeOwnPassword(db, actor, input, await requestIp());
    revalidatePath('/admin/account');
  },
  { message: '密码已修改，其他设备上的会话已结束' },
);

const codeSchema = z.object({ code: z.string({ error: '请输入验证码' }).trim().min(1, '请输入验证码').max(40, '验证码无效') });

export const beginTwoFactorAction = defineAction(own, noInput, async ({ actor }) => beginTotpEnrolment(db, actor));

export const confirmTwoFactorAction = defineAction(
  own,
  codeSchema,
  async ({ actor, input }) => {
    const codes = await confirmTotpEnrolment(db, actor, input.code, await requestIp());
    revalidatePath('/admin/account');
    return codes;
  },
  { message: '两步验证已启用' },
);

export const renewRecoveryCodesAction = defineAction(
  own,
  codeSchema,
  async ({ actor, input }) => {
    const codes = await renewRecoveryCodes(db, actor, input.code, await requestIp());
    revalidatePath('/admin/account');
    return codes;
  },
  { message: '已生成新的恢复码，旧恢复码已失效' },
);

export const disableTwoFactorAction = defineAction(
  own,
  codeSchema,
  async ({ actor, input }) => {
    await disableTwoFactor(db, actor, input.code, await requestIp());
    revalidatePath('/admin/account');
  },
  { message: '两步验证已关闭' },
);

// --- Whoever holds a one-time link: /reset-password/<token> -------------------------------------

const linkPasswordSchema = z
  .object({ token: z.string().min(1).max(100), password: z.string().max(200, '密码过长'), confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: '两次输入的密码不一致', path: ['confirm'] });

// Public: authorized by the link itself (a 256-bit token that works once, for an hour), which
// setPasswordWithLink checks.
export const setPasswordWithLinkAction = defineAction('public', linkPasswordSchema, async ({ input }) => {
  await setPasswordWithLink(db, input.token, input.password, await requestIp());
  redirect('/login?notice=password-set');
});
