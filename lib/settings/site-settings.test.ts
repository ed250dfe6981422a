import { describe, expect, it } from 'vitest';
import { defaultSiteSettings, psbFilingUrl, siteSettingsSchema } from './site-settings';

const valid = {
  siteName: '保答',
  tagline: '医保问答',
  icpNumber: '京ICP备12345678号-1',
  psbNumber: '京公网安备11010502030143号',
  footerText: '内容仅供参考。',
  shareImage: '/share.png',
  contact: 'help@baoda.cn',
};

const messages = (input: unknown) => {
  const result = siteSettingsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('site settings schema', () => {
  it('accepts real filing numbers, an e-mail or phone, a site path or https image', () => {
    expect(siteSettingsSchema.parse(valid)).toEqual(valid);
    expect(
      siteSettingsSchema.parse({ ...valid, icpNumber: '粤ICP证030173号', contact: '+86 10-1234 5678', shareImage: 'https://cdn.example.cn/og.png' }),
    ).toBeTruthy();
  });

  it('trims, and leaves optional fields empty', () => {
    const parsed = siteSettingsSchema.parse({ ...valid, siteName: '  保答  ', icpNumber: '', psbNumber: '', contact: '', shareImage: '' });
    expect(parsed.siteName).toBe('保答');
    expect(parsed.icpNumber).toBe('');
  });

  it('fills a missing or partial stored value with the defaults', () => {
    expect(defaultSiteSettings.siteName).toBe('保答');
    expect(defaultSiteSettings.shareImage).toBe('/share.png');
    expect(defaultSiteSettings.icpNumber).toBe('');
    expect(siteSettingsSchema.parse({ icpNumber: valid.icpNumber })).toEqual({ ...defaultSiteSettings, icpNumber: valid.icpNumber });
  });

  it('names every wrong field at once, in Chinese', () => {
    const found = messages({
      ...valid,
      siteName: ' ',
      icpNumber: 'ICP 12345',
      psbNumber: '公安 123',
      shareImage: 'http://insecure.example/a.png',
      contact: 'not a contact',
    });
    expect(found).toEqual(
      expect.arrayContaining([
        '请填写网站名称',
        'ICP 备案号应形如“京ICP备12345678号-1”',
        '公安备案号应形如“京公网安备11010502030143号”',
        '默认分享图片须是以 https:// 开头的完整地址，或本站路径（如 /share.png）',
        '联系方式须是电子邮箱或电话号码',
      ]),
    );
  });

  it('refuses a filing number with anything after it', () => {
    const icp = 'ICP 备案号应形如“京ICP备12345678号-1”';
    const psb = '公安备案号应形如“京公网安备11010502030143号”';
    for (const icpNumber of [
      '京ICP备12345678号-1<script>',
      '京ICP备12345678号 abc',
      '京ICP备12345678号-1\n京ICP备1号',
      '京ICP备12345678号-1234',
      '京ICP备12345678号-1（示例）',
    ]) {
      expect(messages({ ...valid, icpNumber }), icpNumber).toEqual([icp]);
    }
    for (const psbNumber of ['京公网安备11010502030143号<script>', '京公网安备11010502030143号 abc', '京公网安备11010502030143号\n']) {
      // A trailing newline alone is trimmed away; anything more is refused.
      expect(messages({ ...valid, psbNumber }), psbNumber).toEqual(psbNumber.endsWith('\n') ? [] : [psb]);
    }
    // Surrounding spaces are trimmed, not refused.
    expect(siteSettingsSchema.parse({ ...valid, icpNumber: ' 京ICP备12345678号-1 ' }).icpNumber).toBe('京ICP备12345678号-1');
  });

  it('refuses protocol-relative and script image addresses, and over-long text', () => {
    expect(messages({ ...valid, shareImage: '//evil.example/a.png' })).toHaveLength(1);
    expect(messages({ ...valid, shareImage: 'javascript:alert(1)' })).toHaveLength(1);
    expect(messages({ ...valid, footerText: '字'.repeat(501) })).toEqual(['页脚文字最多 500 个字符']);
  });

  it('links a public-security number to its record by its digits', () => {
    expect(psbFilingUrl('京公网安备11010502030143号')).toBe('https://beian.mps.gov.cn/#/query/webSearch?code=11010502030143');
    expect(psbFilingUrl('公网安备')).toBeNull();
  });
});
