import { describe, expect, it } from 'vitest';
import { claimSlug } from './free-slugs';
import { slugFromTitle } from './slug';

describe('slugFromTitle', () => {
  it('turns a Chinese title into hyphenated toneless pinyin', () => {
    expect(slugFromTitle('居民医保怎么断缴')).toBe('ju-min-yi-bao-zen-me-duan-jiao');
  });

  it('keeps digits and Latin letters, lower-cased, and drops punctuation', () => {
    expect(slugFromTitle('2025年河南漯河医保?')).toBe('2025-nian-he-nan-luo-he-yi-bao');
    expect(slugFromTitle('DRG付费是什么')).toBe('drg-fu-fei-shi-shen-me');
  });

  it('writes ü as v so the slug stays ASCII', () => {
    expect(slugFromTitle('旅游')).toBe('lv-you');
  });

  it('only ever produces lowercase letters, digits and single inner hyphens', () => {
    for (const title of ['居民医保(2025年版):怎么交?', '  职工医保 —— 退休 ', '《异地就医》备案!!']) {
      expect(slugFromTitle(title)).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
  });

  it('falls back to "article" when the title has nothing to spell', () => {
    expect(slugFromTitle('')).toBe('article');
    expect(slugFromTitle('???!!!')).toBe('article');
  });

  it('caps the length at 100 characters without a trailing hyphen', () => {
    const slug = slugFromTitle('居民医保'.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(100);
    expect(slug).not.toMatch(/-$/);
    expect(slug.startsWith('ju-min-yi-bao-ju-min')).toBe(true);
  });
});

describe('claimSlug', () => {
  it('returns the base when it is free, and takes it', () => {
    const taken = new Set<string>();
    expect(claimSlug('yi-bao', taken)).toBe('yi-bao');
    expect(taken.has('yi-bao')).toBe(true);
  });

  it('appends -2, -3 … until a free one is found', () => {
    const taken = new Set(['yi-bao', 'yi-bao-2', 'yi-bao-3']);
    expect(claimSlug('yi-bao', taken)).toBe('yi-bao-4');
    expect(claimSlug('yi-bao', taken)).toBe('yi-bao-5');
  });

  it('gives up instead of looping forever when everything is taken', () => {
    const taken = new Set(['yi-bao', ...Array.from({ length: 998 }, (_, i) => `yi-bao-${i + 2}`)]);
    expect(() => claimSlug('yi-bao', taken)).toThrow(/No free slug/);
  });
});
