'use server';

import { revalidatePath } from 'next/cache';
import { toActionResult, type ActionResult } from '@/lib/action-result';
import { requestIp } from '@/lib/auth/request-ip';
import { authorize } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { expireInAction } from '@/lib/public-cache/expire';
import { securitySettingsSchema, updateSecuritySettings } from './security-settings';
import { siteSettingsSchema, updateSiteSettings } from './site-settings';

export async function updateSecuritySettingsAction(_prev: ActionResult<unknown> | null, formData: FormData): Promise<ActionResult<unknown> | null> {
  return toActionResult(async () => {
    const actor = await authorize('settings:manage');
    const input = securitySettingsSchema.safeParse({ requireTwoFactorFor: formData.getAll('requireTwoFactorFor') });
    if (!input.success) throw new AppError('INVALID', '设置无效');
    await updateSecuritySettings(db, actor.id, input.data, await requestIp());
    revalidatePath('/admin/settings');
  }, '设置已保存');
}

const siteFields = ['siteName', 'tagline', 'icpNumber', 'psbNumber', 'footerText', 'shareImage', 'contact'] as const;

export async function updateSiteSettingsAction(_prev: ActionResult<unknown> | null, formData: FormData): Promise<ActionResult<unknown> | null> {
  return toActionResult(async () => {
    const actor = await authorize('settings:manage');
    // parse(): every refused field's message reaches the form (toActionResult), each naming its field.
    const input = siteSettingsSchema.parse(Object.fromEntries(siteFields.map((name) => [name, String(formData.get(name) ?? '')])));
    const { tags } = await updateSiteSettings(db, actor.id, input, await requestIp());
    // Every public page shows the settings; the change feed expires them in every other server process.
    expireInAction(tags);
    revalidatePath('/admin/settings');
  }, '站点设置已保存');
}
