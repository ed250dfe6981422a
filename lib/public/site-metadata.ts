import type { Metadata } from 'next';
import { siteOrigin, siteUrl } from '@/lib/config/site-origin';
import type { SiteSettings } from '@/lib/settings/site-settings';

// The <head> of the public pages: title, description, canonical URL and Open Graph (what WeChat
// and other apps show for a shared link), all absolute on SITE_URL, never on a request's Host.

/** An absolute URL on the configured origin. */
export function absoluteUrl(path: string, origin: string = siteOrigin()): string {
  return siteUrl(path, origin).toString();
}

/** The default share image as an absolute URL (a site path is resolved on the origin). */
export function shareImageUrl(settings: SiteSettings, origin: string = siteOrigin()): string | null {
  if (!settings.shareImage) return null;
  return settings.shareImage.startsWith('/') ? absoluteUrl(settings.shareImage, origin) : settings.shareImage;
}

export function siteTitle(settings: SiteSettings): string {
  return settings.tagline ? `${settings.siteName} · ${settings.tagline}` : settings.siteName;
}

/** The public layout's metadata: what every public page has unless it says otherwise. */
export function siteMetadata(settings: SiteSettings, origin: string = siteOrigin()): Metadata {
  return {
    metadataBase: new URL(origin),
    // Absolute: the root layout's template (the admin's) would add the site name a second time.
    title: { absolute: siteTitle(settings), template: `%s · ${settings.siteName}` },
    description: settings.tagline || undefined,
    applicationName: settings.siteName,
    // Baidu: the page serves phones and computers alike (no separate mobile site).
    other: { 'applicable-device': 'pc,mobile' },
    openGraph: openGraph(settings, { title: siteTitle(settings), description: settings.tagline, path: '/', type: 'website' }, origin),
  };
}

type PageInput = {
  path: string;
  /** The page's own title; the layout's template adds the site name. Omitted: the site's title. */
  title?: string;
  description?: string;
  type?: 'website' | 'article';
  publishedAt?: string | null;
  updatedAt?: string;
};

/** A public page's metadata: canonical URL and a complete Open Graph block (a page's replaces the layout's). */
export function pageMetadata(settings: SiteSettings, input: PageInput, origin: string = siteOrigin()): Metadata {
  const description = input.description || settings.tagline || undefined;
  const ogTitle = input.type === 'article' && input.title ? input.title : input.title ? `${input.title} · ${settings.siteName}` : siteTitle(settings);
  return {
    ...(input.title ? { title: input.title } : {}),
    description,
    alternates: { canonical: absoluteUrl(input.path, origin) },
    openGraph: openGraph(settings, { ...input, title: ogTitle, description }, origin),
  };
}

function openGraph(settings: SiteSettings, input: PageInput & { title: string }, origin: string): Metadata['openGraph'] {
  const image = shareImageUrl(settings, origin);
  const common = {
    siteName: settings.siteName,
    locale: 'zh_CN',
    title: input.title,
    description: input.description || undefined,
    url: absoluteUrl(input.path, origin),
    images: image ? [{ url: image, alt: settings.siteName }] : undefined,
  };
  if (input.type === 'article') {
    return { ...common, type: 'article', publishedTime: input.publishedAt ?? undefined, modifiedTime: input.updatedAt };
  }
  return { ...common, type: 'website' };
}
