import { createHash } from 'node:crypto';

// The cache tags of the public pages. Each page is stored with the tags of what it shows
// (lib/public/page-tags.ts), and a change expires exactly the tags `tagsForChange` names, so
// publishing one article leaves every unrelated page in the cache.
export const publicTags = {
  /** Every page of the latest-articles list (a new article shifts them all). */
  home: 'public:home',
  /** The page of one article, whatever its slug. */
  article: (id: string) => `public:article:${id}`,
  /** Whatever answers at /a/<slug>: an article, a redirect after a rename, or "not found". */
  slug: (slug: string) => `public:slug:${slug}`,
  /** Every page of one region's list, which includes the regions below it. */
  region: (code: string) => `public:region:${code}`,
  regionIndex: 'public:regions',
  /** Every page of one month's list ('YYYY-MM'). */
  month: (month: string) => `public:month:${month}`,
  monthIndex: 'public:months',
  /** Pages whose recommendation list links to this article (the reverse index of links). */
  linksTo: (id: string) => `public:links-to:${id}`,
  /** Pages with an unlinked recommendation of this exact title, which links to the live article of that title. */
  /** Every cached public search result (any change to what is live may change any of them). */
  search: 'public:search',
  linksToTitle: (title: string) => `public:links-to-title:${createHash('sha256').update(title).digest('hex').slice(0, 32)}`,
  /** Every public page: the site settings (name, filing numbers, footer, share image) are on all of them. */
  site: 'public:site',
  /** The sitemap index and its files (every live article, region and month list). */
  sitemap: 'public:sitemap',
  /** The RSS feed of the latest live articles. */
  feed: 'public:feed',
  /** Not a page: tells each server to reload the slugs that answer 410 Gone (lib/public/gone-slugs.ts). */
  gone: 'public:gone',
} as const;

/** What the public site shows of one article: null when it is not live. */
export type LiveState = {
  id: string;
  slug: string;
  title: string;
  /** Its regions and all their ancestors: each of these region pages lists it. */
  regionCodes: string[];
  /** 'YYYY-MM' of its content date. */
  month: string | null;
};

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** The tags a change of one article's live state, from `before` to `after`, expires. */
export function tagsForChange(before: LiveState | null, after: LiveState | null): string[] {
  const states = [before, after].filter((s): s is LiveState => s !== null);
  if (states.length === 0) return [];
  const tags = new Set<string>([publicTags.home, publicTags.search]);
  for (const s of states) {
    tags.add(publicTags.article(s.id));
    tags.add(publicTags.slug(s.slug));
    for (const code of s.regionCodes) tags.add(publicTags.region(code));
    if (s.month) tags.add(publicTags.month(s.month));
  }
  const wentUpOrDown = !before || !after;
  // Any change to a live article can change its sitemap entry (lastmod) and the feed.
  tags.add(publicTags.sitemap);
  tags.add(publicTags.feed);
  if (wentUpOrDown) tags.add(publicTags.gone);
  // The indexes show counts: they change only when the article comes or goes, or moves.
  if (wentUpOrDown || !sameSet(before.regionCodes, after.regionCodes)) tags.add(publicTags.regionIndex);
  if (wentUpOrDown || before.month !== after.month) tags.add(publicTags.monthIndex);
  // Links to it name its slug, and links by title find it by its title.
  if (wentUpOrDown || before.slug !== after.slug || before.title !== after.title) {
    for (const s of states) {
      tags.add(publicTags.linksTo(s.id));
      tags.add(publicTags.linksToTitle(s.title));
    }
  }
  return [...tags].sort();
}
