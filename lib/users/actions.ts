'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { toActionResult, type ActionResult } from '@/lib/action-result';
import { passwordSchema } from '@/lib/auth/schemas';
import { requestIp } from '@/lib/auth/request-ip';
import { authorize } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { createUser, createUserSchema, roles } from './create-user';
import { updateUser, type UserChange } from './update-user';

export type UserActionState = ActionResult<unknown> | null;

const changeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('role'), role: z.enum(roles) }),
  z.object({ kind: z.literal('active'), active: z.enum(['true', 'false']).transform((v) => v === 'true') }),
  z.object({ kind: z.literal('password'), password: passwordSchema }),
  z.object({ kind: z.literal('sign-out-everywhere') }),
]);

export async function updateUserAction(_prev: UserActionState, formData: FormData): Promise<UserActionState> {
  return toActionResult(async () => {
    const actor = await authorize('user:manage');
    const userId = z.string().min(1).max(40).parse(formData.get('userId'));
    const change = changeSchema.safeParse(Object.fromEntries(formData));
    if (!change.success) throw new AppError('INVALID', change.error.issues[0]?.message ?? '请求无效');
    await updateUser(actor, userId, change.data as UserChange, await requestIp());
    revalidatePath('/admin/users');
  }, '已更新');
}

export async function createUserAction(_prev: UserActionState, formData: FormData): Promise<UserActionState> {
  return toActionResult(async () => {
    await authorize('user:manage');
    const input = createUserSchema.safeParse(Object.fromEntries(formData));
    if (!input.success) throw new AppError('INVALID', input.error.issues[0]?.message ?? '请求无效');
    await createUser(db, input.data);
    revalidatePath('/admin/users');
  }, '用户已创建');
}
