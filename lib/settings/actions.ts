'use server';

import { revalidatePath } from 'next/cache';
import { toActionResult, type ActionResult } from '@/lib/action-result';
import { requestIp } from '@/lib/auth/request-ip';
import { authorize } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { securitySettingsSchema, updateSecuritySettings } from './security-settings';

export async function updateSecuritySettingsAction(_prev: ActionResult<unknown> | null, formData: FormData): Promise<ActionResult<unknown> | null> {
  return toActionResult(async () => {
    const actor = await authorize('settings:manage');
    const input = securitySettingsSchema.safeParse({ requireTwoFactorFor: formData.getAll('requireTwoFactorFor') });
    if (!input.success) throw new AppError('INVALID', '设置无效');
    await updateSecuritySettings(db, actor.id, input.data, await requestIp());
    revalidatePath('/admin/settings');
  }, '设置已保存');
}
