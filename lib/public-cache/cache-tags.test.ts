import { describe, expect, it } from 'vitest';
import { publicTags, tagsForChange, type LiveState } from './cache-tags';

const live: LiveState = { id: 'a1', slug: 'ju-min-yi-bao', title: '居民医保怎么交', regionCodes: ['440000', '440100'], month: '2025-03' };

describe('tagsForChange', () => {
  it('publishing a new article expires its page, its lists, the indexes and the pages that link to it', () => {
    expect(tagsForChange(null, live)).toEqual(
      [
        publicTags.home,
        publicTags.search,
        publicTags.article('a1'),
        publicTags.slug('ju-min-yi-bao'),
        publicTags.region('440000'),
        publicTags.region('440100'),
        publicTags.month('2025-03'),
        publicTags.regionIndex,
        publicTags.monthIndex,
        publicTags.linksTo('a1'),
        publicTags.linksToTitle('居民医保怎么交'),
        publicTags.sitemap,
        publicTags.feed,
        publicTags.gone,
      ].sort(),
    );
  });

  it('a new version with the same slug, title, regions and month leaves the indexes and linking pages alone', () => {
    const tags = tagsForChange(live, { ...live });
    expect(tags).toEqual(
      [
        publicTags.article('a1'),
        publicTags.home,
        publicTags.search,
        publicTags.month('2025-03'),
        publicTags.region('440000'),
        publicTags.region('440100'),
        publicTags.slug('ju-min-yi-bao'),
        publicTags.sitemap,
        publicTags.feed,
      ].sort(),
    );
  });

  it('a rename expires the old and the new address and the pages that link to it', () => {
    const tags = tagsForChange(live, { ...live, slug: 'ju-min-yi-bao-2026' });
    expect(tags).toContain(publicTags.slug('ju-min-yi-bao'));
    expect(tags).toContain(publicTags.slug('ju-min-yi-bao-2026'));
    expect(tags).toContain(publicTags.linksTo('a1'));
    expect(tags).not.toContain(publicTags.regionIndex);
  });

  it('moving regions or months expires the pages before and after, and the indexes', () => {
    const tags = tagsForChange(live, { ...live, regionCodes: ['110000'], month: '2025-04' });
    for (const tag of [
      publicTags.region('440000'),
      publicTags.region('440100'),
      publicTags.region('110000'),
      publicTags.month('2025-03'),
      publicTags.month('2025-04'),
      publicTags.regionIndex,
      publicTags.monthIndex,
    ]) {
      expect(tags).toContain(tag);
    }
  });

  it('taking a page down expires what showed it; nothing for an article that was never live', () => {
    expect(tagsForChange(live, null)).toEqual(tagsForChange(null, live));
    expect(tagsForChange(null, null)).toEqual([]);
  });

  it('every change reaches the sitemap and the feed; only coming or going changes the gone slugs', () => {
    for (const tags of [tagsForChange(null, live), tagsForChange(live, null), tagsForChange(live, { ...live, title: '新标题' })]) {
      expect(tags).toContain(publicTags.sitemap);
      expect(tags).toContain(publicTags.feed);
    }
    expect(tagsForChange(live, null)).toContain(publicTags.gone);
    expect(tagsForChange(live, { ...live, slug: 'x' })).not.toContain(publicTags.gone);
    // Site settings are not an article's: no article change expires every page.
    expect(tagsForChange(null, live)).not.toContain(publicTags.site);
  });

  it('every change to what is live expires the cached search results', () => {
    expect(tagsForChange(null, live)).toContain(publicTags.search);
    expect(tagsForChange(live, { ...live })).toContain(publicTags.search);
    expect(tagsForChange(live, null)).toContain(publicTags.search);
  });

  it('never names another article', () => {
    const tags = tagsForChange(live, { ...live, title: '新标题' });
    expect(tags.filter((t) => t.startsWith('public:article:'))).toEqual([publicTags.article('a1')]);
  });

  it('keeps tags short whatever the title', () => {
    expect(publicTags.linksToTitle('很长的标题'.repeat(40)).length).toBeLessThan(64);
  });
});

describe('gone slugs', () => {
  it('reads the slugs a change names from its tags, and recognises only article addresses', async () => {
    const { articleSlugOf, slugsOfTags } = await import('./gone-slugs');
    expect(slugsOfTags([publicTags.home, publicTags.slug('a-b'), publicTags.gone, publicTags.slug('c')])).toEqual(['a-b', 'c']);
    expect(articleSlugOf('/a/ju-min-yi-bao')).toBe('ju-min-yi-bao');
    for (const path of ['/a/', '/a/x/y', '/regions/440000', '/a/UPPER', '/b/x']) expect(articleSlugOf(path)).toBeNull();
  });
});
