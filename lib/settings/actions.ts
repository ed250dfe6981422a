'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { requestIp } from '@/lib/auth/request-ip';
import { db } from '@/lib/db/client';
import { expireInAction } from '@/lib/public-cache/expire';
import { securitySettingsSchema, updateSecuritySettings } from './security-settings';
import { siteSettingsSchema, updateSiteSettings } from './site-settings';

export const updateSecuritySettingsAction = defineAction(
  'settings:manage',
  securitySettingsSchema,
  async ({ actor, input }) => {
    await updateSecuritySettings(db, actor.id, input, await requestIp());
    revalidatePath('/admin/settings');
  },
  { form: (formData) => ({ requireTwoFactorFor: formData.getAll('requireTwoFactorFor') }), message: '设置已保存' },
);

const siteFields = ['siteName', 'tagline', 'icpNumber', 'psbNumber', 'footerText', 'shareImage', 'contact'] as const;

export const updateSiteSettingsAction = defineAction(
  'settings:manage',
  siteSettingsSchema,
  async ({ actor, input }) => {
    const { tags } = await updateSiteSettings(db, actor.id, input, await requestIp());
    // Every public page shows the settings; the change feed expires them in every other server process.
    expireInAction(tags);
    revalidatePath('/admin/settings');
  },
  // Every field, a missing one as empty: the form posts them all, and an empty one is refused or cleared, never its default.
  { form: (formData) => Object.fromEntries(siteFields.map((name) => [name, String(formData.get(name) ?? '')])), message: '站点设置已保存' },
);
