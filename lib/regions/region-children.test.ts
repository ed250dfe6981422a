import { describe, expect, it } from 'vitest';
import { regionChildren } from './region-children';

const names = (code: string | null) => regionChildren(code)?.map((r) => r.name) ?? null;

describe('regionChildren', () => {
  it('lists the provinces at the top', () => {
    const provinces = regionChildren(null)!;
    expect(provinces.length).toBeGreaterThanOrEqual(31);
    expect(provinces[0]).toMatchObject({ code: '110000', name: '北京市', level: 'PROVINCE', path: ['北京市'], hasChildren: true });
    expect(provinces.map((p) => p.name)).toContain('广东省');
  });

  it('goes province → city → county', () => {
    expect(names('440000')).toContain('广州市');
    const counties = regionChildren('440100')!;
    expect(counties.find((c) => c.name === '天河区')).toEqual({
      code: '440106',
      name: '天河区',
      level: 'COUNTY',
      path: ['广东省', '广州市', '天河区'],
      hasChildren: false,
    });
  });

  it('hangs the counties of a municipality and province-administered counties under the province', () => {
    const beijing = regionChildren('110000')!;
    expect(beijing.every((r) => r.level === 'COUNTY')).toBe(true);
    expect(beijing.map((r) => r.name)).toContain('朝阳区');
    const henan = regionChildren('410000')!;
    expect(henan.find((r) => r.name === '济源市')).toMatchObject({ level: 'COUNTY', path: ['河南省', '济源市'] });
    expect(henan.find((r) => r.name === '郑州市')).toMatchObject({ level: 'CITY', hasChildren: true });
  });

  it('returns an empty list under a county and null for an unknown code', () => {
    expect(regionChildren('440106')).toEqual([]);
    expect(regionChildren('999999')).toBeNull();
  });
});
