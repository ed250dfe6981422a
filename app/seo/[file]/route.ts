import { siteOrigin } from '@/lib/config/site-origin';
import { getFeedItems, getPublicSiteSettings, getSitemapFile, getSitemapIndex } from '@/lib/public/queries';
import { robotsTxt, rssXml, sitemapIndexXml, sitemapXml } from '@/lib/public/seo-files';

// /robots.txt, /sitemap.xml, /sitemap-<n>.xml and /feed.xml (rewritten here: lib/public/public-routes.ts).
// Public by design, like the pages they list: no authorization, and they read only live versions.
// Like the pages, rendered on the first request and then served from the cache until a change
// expires their tags (public:sitemap, public:feed, public:site); a build needs no database.
export const revalidate = false;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

const types = { xml: 'application/xml; charset=utf-8', rss: 'application/rss+xml; charset=utf-8', text: 'text/plain; charset=utf-8' };

function reply(body: string, type: string): Response {
  return new Response(body, { headers: { 'content-type': type } });
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const origin = siteOrigin();
  if (file === 'robots.txt') return reply(robotsTxt(origin), types.text);
  if (file === 'sitemap.xml') {
    const index = await getSitemapIndex();
    return reply(sitemapIndexXml(origin, index.fileCount, index.lastmod), types.xml);
  }
  const part = /^sitemap-([1-9]\d{0,4})\.xml$/.exec(file);
  if (part) {
    const entries = await getSitemapFile(Number(part[1]));
    return entries ? reply(sitemapXml(origin, entries), types.xml) : new Response('Not Found', { status: 404 });
  }
  if (file === 'feed.xml') {
    const [settings, items] = await Promise.all([getPublicSiteSettings(), getFeedItems()]);
    return reply(rssXml({ title: settings.siteName, description: settings.tagline, origin }, items), types.rss);
  }
  return new Response('Not Found', { status: 404 });
}
