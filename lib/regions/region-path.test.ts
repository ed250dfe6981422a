import { describe, expect, it } from 'vitest';
import { cityCodeOf, getRegion, isAncestorOf, provinceCodeOf, regionAncestorCodes, regionChain, regionPath } from './region-path';

describe('region path helpers', () => {
  it('walks a county up to its province', () => {
    expect(regionPath('520113')).toEqual(['贵州省', '贵阳市', '白云区']);
    expect(regionChain('520113').map((r) => r.code)).toEqual(['520000', '520100', '520113']);
    expect(provinceCodeOf('520113')).toBe('520000');
    expect(cityCodeOf('520113')).toBe('520100');
  });

  it('gives a city its own code as city code', () => {
    expect(regionPath('440100')).toEqual(['广东省', '广州市']);
    expect(provinceCodeOf('440100')).toBe('440000');
    expect(cityCodeOf('440100')).toBe('440100');
  });

  it('has no city for provinces and for counties parented to a province', () => {
    expect(cityCodeOf('110000')).toBeNull();
    expect(provinceCodeOf('110000')).toBe('110000');
    expect(regionPath('110105')).toEqual(['北京市', '朝阳区']);
    expect(cityCodeOf('110105')).toBeNull();
    expect(provinceCodeOf('110105')).toBe('110000');
    expect(cityCodeOf('429004')).toBeNull(); // 仙桃市, administered by 湖北省
  });

  it('returns denormalised ancestors for ArticleRegion', () => {
    expect(regionAncestorCodes('440111')).toEqual({ provinceCode: '440000', cityCode: '440100' });
    expect(regionAncestorCodes('500101')).toEqual({ provinceCode: '500000', cityCode: null });
    expect(regionAncestorCodes('999999')).toBeNull();
  });

  it('handles unknown codes', () => {
    expect(getRegion('999999')).toBeUndefined();
    expect(regionPath('999999')).toEqual([]);
    expect(provinceCodeOf('999999')).toBeNull();
    expect(cityCodeOf('999999')).toBeNull();
  });

  it('tells strict ancestors', () => {
    expect(isAncestorOf('520000', '520113')).toBe(true);
    expect(isAncestorOf('520100', '520113')).toBe(true);
    expect(isAncestorOf('520113', '520113')).toBe(false);
    expect(isAncestorOf('440100', '520113')).toBe(false);
  });
});
