'use client';

import { ActionMessage } from '@/components/account/account-forms';
import { FieldError, invalidProps } from '@/components/ui/field-error';
import { useFormAction } from '@/components/ui/use-form-action';
import type { ActionResult } from '@/lib/action-result';
import { updateSiteSettingsAction } from '@/lib/settings/actions';
import type { SiteSettings } from '@/lib/settings/site-settings';

const fields: { name: keyof SiteSettings; label: string; hint?: string; multiline?: boolean }[] = [
  { name: 'siteName', label: '网站名称' },
  { name: 'tagline', label: '网站简介', hint: '用于首页标题和分享描述。' },
  { name: 'icpNumber', label: 'ICP 备案号', hint: '如“京ICP备12345678号-1”，页脚链接到工信部备案系统。' },
  { name: 'psbNumber', label: '公安备案号', hint: '如“京公网安备11010502030143号”，页脚带徽标并链接到公安备案系统。' },
  { name: 'footerText', label: '页脚文字', multiline: true },
  { name: 'shareImage', label: '默认分享图片', hint: '以 https:// 开头的完整地址，或本站路径（默认 /share.png）。建议 1200×630 像素。' },
  { name: 'contact', label: '联系方式', hint: '电子邮箱或电话号码。' },
];

export function SiteSettingsForm({ settings }: { settings: SiteSettings }) {
  const { state, formAction, pending, typed } = useFormAction<ActionResult<unknown> | null>(updateSiteSettingsAction, null);
  return (
    <form action={formAction} aria-label="站点设置" className="stack-form">
      {fields.map((field) => {
        const id = `site-${field.name}`;
        const props = {
          id,
          name: field.name,
          defaultValue: typed(field.name, settings[field.name]),
          ...invalidProps(state, field.name, id, field.hint ? `${id}-hint` : undefined),
        };
        return (
          <div key={field.name}>
            <label htmlFor={id}>{field.label}</label>
            {field.multiline ? <textarea {...props} rows={3} /> : <input {...props} required={field.name === 'siteName'} />}
            <FieldError state={state} name={field.name} id={id} />
            {field.hint && (
              <p id={`${id}-hint`} className="muted small">
                {field.hint}
              </p>
            )}
          </div>
        );
      })}
      <p className="muted small">保存后，所有公开页面的页脚、标题和分享信息随即更新。</p>
      <button type="submit" className="button primary" disabled={pending}>
        保存站点设置
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
