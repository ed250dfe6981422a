import { describe, expect, it } from 'vitest';
import { searchRegions } from './search-regions';

const codes = (query: string, limit?: number) => searchRegions(query, limit).map((r) => r.code);

describe('searchRegions', () => {
  it('finds 广州 by initials among the first results, larger regions first', () => {
    const results = searchRegions('gz', 5);
    expect(results.map((r) => r.code)).toContain('440100');
    const levels = results.map((r) => r.level);
    expect(levels.indexOf('COUNTY') === -1 || levels.indexOf('COUNTY') > levels.indexOf('CITY')).toBe(true);
  });

  it('finds by full pinyin prefix, ignoring case, spaces and apostrophes', () => {
    expect(codes('guangzhou', 3)[0]).toBe('440100');
    expect(codes('Guang Zhou', 3)[0]).toBe('440100');
    expect(codes("xi'an", 5)).toContain('610100');
  });

  it('finds by Chinese name and short name, exact first', () => {
    expect(codes('广州')[0]).toBe('440100');
    expect(codes('广州市')[0]).toBe('440100');
    expect(codes('广西')[0]).toBe('450000');
    expect(codes('白云')).toEqual(expect.arrayContaining(['440111', '520113']));
  });

  it('puts the province before its namesake city', () => {
    const results = codes('吉林', 3);
    expect(results[0]).toBe('220000');
    expect(results).toContain('220200');
  });

  it('finds a county by a part of its name', () => {
    expect(codes('察布查尔')).toContain('654022');
    expect(codes('锡伯')).toContain('654022');
  });

  it('returns nothing for an empty query or limit', () => {
    expect(searchRegions('  ')).toEqual([]);
    expect(searchRegions('gz', 0)).toEqual([]);
  });

  it('respects the limit', () => {
    expect(searchRegions('s', 7)).toHaveLength(7);
  });
});
