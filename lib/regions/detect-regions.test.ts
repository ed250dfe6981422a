import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MIN_CONFIDENCE, detectRegions, warmUpRegionDetector } from './detect-regions';
import labelled from '@/tests/fixtures/regions/labelled-titles.json';
import { getRegion } from './region-path';

type LabelledTitle = { title: string; regions: { code: string; name: string }[]; note?: string };

const titles: LabelledTitle[] = labelled.titles;
const codes = (text: string) => detectRegions(text).map((r) => r.code);

beforeAll(() => {
  warmUpRegionDetector();
});

describe('detectRegions: the cases in the brief', () => {
  it('returns the city, confirmed by its province, and not the province as well', () => {
    const [hit, ...rest] = detectRegions('2025年河南漯河治疗反复低烧的权威医院');
    expect(rest).toEqual([]);
    expect(hit).toEqual({ code: '411100', name: '漯河市', path: ['河南省', '漯河市'], level: 'CITY', confidence: 0.9 });
  });

  it("picks 贵阳's 白云区, not 广州's", () => {
    expect(detectRegions('贵阳白云区医保电话')).toEqual([
      { code: '520113', name: '白云区', path: ['贵州省', '贵阳市', '白云区'], level: 'COUNTY', confidence: 1 },
    ]);
  });

  it('reads bare city and municipality short names', () => {
    expect(codes('广州居民医保停保怎么办理')).toEqual(['440100']);
    expect(detectRegions('北京第三代社保卡能当医保卡用吗')).toMatchObject([{ code: '110000', name: '北京市', level: 'PROVINCE' }]);
  });

  it('returns two cities in order of mention', () => {
    expect(codes('延安医保能在西安用吗')).toEqual(['610600', '610100']);
  });

  it('finds nothing where no region is named', () => {
    expect(detectRegions('居民医保只能一年一交吗')).toEqual([]);
    expect(detectRegions('')).toEqual([]);
    expect(detectRegions('   ')).toEqual([]);
  });

  it('does not read 中山大学 as 中山市', () => {
    expect(detectRegions('中山大学附属医院')).toEqual([]);
    expect(codes('中山市医保局电话')).toEqual(['442000']);
  });

  it('leaves out a county name shared by several places when nothing decides', () => {
    expect(detectRegions('白云区医保局电话')).toEqual([]);
    const all = detectRegions('白云区医保局电话', { minConfidence: 0 });
    expect(all.map((r) => r.code).sort()).toEqual(['440111', '520113']);
    for (const r of all) expect(r.confidence).toBeLessThan(DEFAULT_MIN_CONFIDENCE);
    expect(codes('广州白云区医保局')).toEqual(['440111']);
  });

  it('returns a province mentioned alone', () => {
    expect(detectRegions('江苏省口腔医院种植牙价格表')).toMatchObject([{ code: '320000', level: 'PROVINCE', path: ['江苏省'] }]);
    expect(codes('河南医保')).toEqual(['410000']);
  });
});

describe('detectRegions: rules', () => {
  it('gives full names more confidence than bare short names', () => {
    const [full] = detectRegions('南阳市医保办咨询电话');
    const [short] = detectRegions('南阳职工医保');
    expect(full!.confidence).toBeGreaterThan(short!.confidence);
  });

  it('reads a bare name as the larger region unless the text says otherwise', () => {
    expect(codes('海南医保异地就医')).toEqual(['460000']);
    expect(codes('青海海南州医保')).toEqual(['632500']);
    expect(codes('吉林医保缴费')).toEqual(['220000']);
    expect(codes('吉林市医保局')).toEqual(['220200']);
    expect(codes('北京朝阳区医保中心地址')).toEqual(['110105']);
  });

  it('needs context for county short names that are ordinary words', () => {
    expect(detectRegions('平安佛医保死亡有赔偿吗')).toEqual([]);
    expect(detectRegions('通道怎么走')).toEqual([]);
    expect(codes('湖南通道县医保')).toEqual(['431230']);
  });

  it('needs a word boundary', () => {
    expect(detectRegions('农村合作医疗和少儿医保有冲突吗')).toEqual([]);
    expect(detectRegions('城区居民医保怎么交')).toEqual([]);
  });

  it('finds a name that spans several segmenter words, through spans that are only its beginning', () => {
    // Without a related region only the official name reaches 0.9; the bare short name would be dropped.
    // 宽城|满族|自治县: 宽城满族 is no region name, but the longer span is.
    expect(detectRegions('宽城满族自治县的医保')).toMatchObject([{ name: '宽城满族自治县', confidence: 0.9 }]);
    // 襄|都|区: 襄 alone names nothing.
    expect(detectRegions('襄都区医保')).toMatchObject([{ name: '襄都区', confidence: 0.9 }]);
  });

  it('splits dictionary compounds of two place names', () => {
    expect(codes('甘肃兰州医保')).toEqual(['620100']);
    expect(codes('广西南宁医保缴费')).toEqual(['450100']);
  });

  it('reads autonomous-area aliases and leagues', () => {
    expect(codes('恩施州医保报销')).toEqual(['422800']);
    expect(codes('2025年内蒙古兴安盟治疗便秘的权威医院')).toEqual(['152200']);
    expect(codes('2025年吉林延边治疗腰痛伴下肢无力什么医院好')).toEqual(['222400']);
  });

  it('returns paths for counties without a city', () => {
    expect(detectRegions('湖北仙桃医保报销')).toMatchObject([{ code: '429004', path: ['湖北省', '仙桃市'], level: 'COUNTY' }]);
  });

  it('keeps confidences within [0, 1]', () => {
    for (const { title } of titles) {
      for (const r of detectRegions(title, { minConfidence: 0 })) {
        expect(r.confidence).toBeGreaterThanOrEqual(0);
        expect(r.confidence).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('detectRegions: labelled titles', () => {
  it('has a fixture of 150+ titles with correct labels', () => {
    expect(titles.length).toBeGreaterThanOrEqual(150);
    expect(titles.filter((t) => t.regions.length === 0).length).toBeGreaterThanOrEqual(20);
    for (const { title, regions } of titles) {
      for (const { code, name } of regions) expect(getRegion(code)?.name, `${title}: ${code}`).toBe(name);
    }
  });

  it('reaches precision and recall of at least 0.95 (issue 4)', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const errors: string[] = [];
    for (const { title, regions } of titles) {
      const expected = new Set(regions.map((r) => r.code));
      const found = new Set(codes(title));
      const hits = [...found].filter((code) => expected.has(code)).length;
      truePositives += hits;
      falsePositives += found.size - hits;
      falseNegatives += expected.size - hits;
      if (hits !== found.size || hits !== expected.size) errors.push(`${title}: got [${[...found]}] want [${[...expected]}]`);
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    // Printed so a change in either direction is visible in the test log.
    console.info(`region detection: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}; misses:\n${errors.join('\n')}`);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
