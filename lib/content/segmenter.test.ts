import { describe, expect, it } from 'vitest';
import { detectRegions } from '@/lib/regions/detect-regions';
import { fieldLexemes, queryWords } from '@/lib/search/tokenize';
import { getSegmenter, segmenterLoaded } from './segmenter';

describe('the shared segmenter', () => {
  it('is not built by importing search or region detection, and is built once for both', () => {
    expect(segmenterLoaded()).toBe(false);
    const first = getSegmenter();
    expect(segmenterLoaded()).toBe(true);
    expect(detectRegions('广州市居民医保怎么交').map((r) => r.name)).toEqual(['广州市']);
    expect(fieldLexemes('城乡居民医保', 'title')).toContain('城乡居民医保');
    expect(queryWords('居民医保缴费')).toEqual(['居民医保', '缴费']);
    expect(getSegmenter()).toBe(first);
  });
});
