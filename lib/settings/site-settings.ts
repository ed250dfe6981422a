import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Db } from '@/lib/db/client';
import { publicTags } from '@/lib/public-cache/cache-tags';
import { recordTags } from '@/lib/public-cache/change-feed';

// The public site's settings an admin edits at /admin/settings (站点): shown in every public
// page's footer and metadata. Stored like the security settings: one JSON value under one key of
// the Setting table, always read through this schema.
const key = 'site';

/** The MIIT filing system, where an ICP number links to. */
export const icpFilingUrl = 'https://beian.miit.gov.cn/';

/** The public-security filing system's record of one site, found by the digits of its number. */
export function psbFilingUrl(psbNumber: string): string | null {
  const code = /\d{6,20}/.exec(psbNumber)?.[0];
  return code ? `https://beian.mps.gov.cn/#/query/webSearch?code=${code}` : null;
}

// Whole values only: anchored at both ends.
const ICP_NUMBER = /^[\u4e00-\u9fa5]{1,3}ICP[备证]\d{4,12}号(?:-\d{1,3})?$/;
const PSB_NUMBER = /^[\u4e00-\u9fa5]{1,3}公网安备\s*\d{6,20}号$/;

const text = (max: number, label: string) => z.string().trim().max(max, `${label}最多 ${max} 个字符`);

/** A share image: an absolute https URL, or a path on this site such as /share.png. */
const shareImage = text(500, '默认分享图片').refine((value) => value === '' || /^\/(?!\/)\S*$/.test(value) || /^https:\/\/[^\s/]+\/\S*$/.test(value), {
  message: '默认分享图片须是以 https:// 开头的完整地址，或本站路径（如 /share.png）',
});

const contact = text(100, '联系方式').refine((value) => value === '' || z.email().safeParse(value).success || /^\+?[\d\s-]{7,20}$/.test(value), {
  message: '联系方式须是电子邮箱或电话号码',
});

export const siteSettingsSchema = z.object({
  siteName: text(40, '网站名称').min(1, '请填写网站名称').default('保答'),
  tagline: text(80, '网站简介').default('居民医保、职工医保、异地就医等医疗保险问题的解答'),
  // 京ICP备12345678号-1: a province's short name, ICP备 or ICP证, the number, and nothing after it
  // (the footer shows the value as the link's text, so trailing words would pass as the filing).
  icpNumber: text(50, 'ICP 备案号')
    .refine((value) => value === '' || ICP_NUMBER.test(value), { message: 'ICP 备案号应形如“京ICP备12345678号-1”' })
    .default(''),
  // 京公网安备11010502030143号: its digits name the record on beian.mps.gov.cn.
  psbNumber: text(50, '公安备案号')
    .refine((value) => value === '' || PSB_NUMBER.test(value), { message: '公安备案号应形如“京公网安备11010502030143号”' })
    .default(''),
  footerText: text(500, '页脚文字').default('内容仅供参考，具体以当地医保部门政策为准。'),
  shareImage: shareImage.default('/share.png'),
  contact: contact.default(''),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

export const defaultSiteSettings: SiteSettings = siteSettingsSchema.parse({});

export async function getSiteSettings(db: Db): Promise<SiteSettings> {
  const row = await db.setting.findUnique({ where: { key }, select: { value: true } });
  const parsed = siteSettingsSchema.safeParse(row?.value ?? {});
  // A stored value the schema now refuses must not take the public site down: the defaults serve.
  if (!parsed.success) console.error('site settings: the stored value is invalid, using the defaults', parsed.error.issues);
  return parsed.success ? parsed.data : defaultSiteSettings;
}

/** Saves the settings; every public page shows them, so the change expires them all (returns the tags). */
export async function updateSiteSettings(db: Db, actorId: string, input: SiteSettings, ip: string | null): Promise<{ settings: SiteSettings; tags: string[] }> {
  const value = siteSettingsSchema.parse(input);
  const tags = [publicTags.site];
  await db.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key }, select: { value: true } });
    await tx.setting.upsert({ where: { key }, create: { key, value, updatedById: actorId }, update: { value, updatedById: actorId } });
    await recordTags(tx, tags);
    await recordAudit(tx, {
      actorId,
      action: 'settings.site.update',
      entityType: 'Setting',
      entityId: key,
      summary: { before: before?.value ?? null, after: value },
      ip,
    });
  });
  return { settings: value, tags };
}
