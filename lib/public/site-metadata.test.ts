import { describe, expect, it } from 'vitest';
import { defaultSiteSettings } from '@/lib/settings/site-settings';
import { pageMetadata, shareImageUrl, siteMetadata } from './site-metadata';

const origin = 'https://baoda.example.cn';

describe('public page metadata', () => {
  it('the layout gives the title template, metadataBase and Baidu’s applicable-device', () => {
    const meta = siteMetadata({ ...defaultSiteSettings, siteName: '医保答' }, origin);
    expect(meta.title).toEqual({ absolute: `医保答 · ${defaultSiteSettings.tagline}`, template: '%s · 医保答' });
    expect(meta.metadataBase?.toString()).toBe(`${origin}/`);
    expect(meta.other).toEqual({ 'applicable-device': 'pc,mobile' });
  });

  it('an article shares its own title and summary, with absolute canonical and og:url and the default image', () => {
    const meta = pageMetadata(defaultSiteSettings, { path: '/a/ju-min', title: '居民医保', description: '摘要', type: 'article', publishedAt: '2026-01-01T00:00:00.000Z' }, origin);
    expect(meta.alternates?.canonical).toBe(`${origin}/a/ju-min`);
    expect(meta.openGraph).toMatchObject({ type: 'article', title: '居民医保', description: '摘要', url: `${origin}/a/ju-min`, images: [{ url: `${origin}/share.png` }], siteName: '保答', locale: 'zh_CN' });
  });

  it('a list shares the site’s name and tagline', () => {
    const meta = pageMetadata(defaultSiteSettings, { path: '/regions/440000', title: '广东省医保问答' }, origin);
    expect(meta.openGraph).toMatchObject({ type: 'website', title: '广东省医保问答 · 保答', description: defaultSiteSettings.tagline, url: `${origin}/regions/440000` });
    expect(pageMetadata(defaultSiteSettings, { path: '/' }, origin).openGraph).toMatchObject({ title: `保答 · ${defaultSiteSettings.tagline}` });
  });

  it('the share image: a site path on the origin, an https URL as is, none when unset', () => {
    expect(shareImageUrl({ ...defaultSiteSettings, shareImage: '/img/og.png' }, origin)).toBe(`${origin}/img/og.png`);
    expect(shareImageUrl({ ...defaultSiteSettings, shareImage: 'https://cdn.example.cn/og.png' }, origin)).toBe('https://cdn.example.cn/og.png');
    expect(shareImageUrl({ ...defaultSiteSettings, shareImage: '' }, origin)).toBeNull();
  });
});
