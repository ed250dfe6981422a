import { pinyin } from 'pinyin-pro';

/** Pinyin of the title, lowercase, words joined by hyphens: 居民医保怎么断缴 → ju-min-yi-bao-zen-me-duan-jiao */
export function slugFromTitle(title: string): string {
  const syllables = pinyin(title, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const slug = syllables
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (slug || 'article').slice(0, 100).replace(/-+$/, '');
}
