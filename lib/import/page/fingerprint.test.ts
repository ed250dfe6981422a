import { describe, expect, it } from 'vitest';

import { contentHash, sourceKeyForTitle, titleIdentity } from './fingerprint';
import { readSeed } from '@/tests/fixtures/import/pm-outline';

describe('sourceKeyForTitle', () => {
  it('is 32 lower-case hex characters', () => {
    expect(sourceKeyForTitle('居民医保只能一年一交吗')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives the same key for the same question written differently', () => {
    const key = sourceKeyForTitle('居民医保只能一年一交吗？');
    for (const variant of [
      '居民医保只能一年一交吗?',
      '居民医保只能一年一交吗',
      ' 居民医保 只能一年一交吗 ',
      '居民医保\u3000只能一年一交吗？',
      '居民医保只能一年一交吗\u200b',
    ]) {
      expect(sourceKeyForTitle(variant)).toBe(key);
    }
    expect(sourceKeyForTitle('ＡＢＣ医保１２３')).toBe(sourceKeyForTitle('abc医保123'));
    expect(sourceKeyForTitle('医保(2025)')).toBe(sourceKeyForTitle('医保（2025）'));
  });

  it('gives different keys for different questions', () => {
    expect(sourceKeyForTitle('居民医保不能断吗')).not.toBe(sourceKeyForTitle('居民医保能断吗'));
    expect(sourceKeyForTitle('医保380元')).not.toBe(sourceKeyForTitle('医保390元'));
  });

  it('does not collapse punctuation-only titles to one key', () => {
    expect(titleIdentity('???')).not.toBe('');
    expect(sourceKeyForTitle('???')).not.toBe(sourceKeyForTitle('!!!'));
  });
});

describe('contentHash', () => {
  const seed = readSeed('000');

  it('is a sha256 hex digest', () => {
    expect(contentHash(seed)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores line-ending style, tabs vs. their expansion and trailing blanks', () => {
    expect(contentHash(seed.replace(/\n/g, '\r\n'))).toBe(contentHash(seed));
    expect(contentHash(seed.replace(/\n/g, '  \n'))).toBe(contentHash(seed));
    expect(contentHash('\t1. 甲')).toBe(contentHash('    1. 甲'));
  });

  it('changes when the content changes', () => {
    expect(contentHash(seed.replace('年缴制', '月缴制'))).not.toBe(contentHash(seed));
  });
});
