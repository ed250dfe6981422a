import type { Jieba } from '@node-rs/jieba';
import { getSegmenter } from '@/lib/content/segmenter';
import { LEVEL_RANK, type RegionLevel, type RegionRow } from './region-data';
import { getRegionIndex } from './region-index';
import { isAncestorOf, regionPath } from './region-path';

// Finds the regions a title or text is about, reading it the way a person would:
//  1. Words come from the jieba segmenter (the process's one, shared with search and so with its
//     insurance words); a region name only counts when it starts and ends on a word boundary,
//     so 中山大学 (one word) is not 中山, and 合作医疗 is not 合作市. A dictionary word made only
//     of place names (甘肃兰州) is split into them.
//  2. Official names (白云区, 江苏省) are strong; everyday short names of provinces and cities
//     (河南, 广州) are fairly strong; short names of counties (白云, 平安, 通道) are weak, because
//     many are ordinary words, and need a related region nearby to count, unless the segmenter's
//     dictionary tags the word as a place name (浦东, 昆山), which lifts them just over the bar.
//  3. A mention that fits several regions is resolved by a related region in the same text
//     (贵阳 + 白云区 → 贵阳's 白云区), else by the larger region (河南 → 河南省, not 河南县),
//     else it stays ambiguous and its confidence is split between the candidates.
//  4. Only the most specific regions are returned: 河南漯河 → 漯河市, not also 河南省.

export type DetectedRegion = {
  code: string;
  name: string;
  /** Official names from the province down. */
  path: string[];
  level: RegionLevel;
  confidence: number;
};

export type DetectRegionsOptions = {
  /** Results below this are dropped. Default DEFAULT_MIN_CONFIDENCE; pass 0 to see ambiguous candidates too. */
  minConfidence?: number;
};

/**
 * With the confidences below, 0.5 keeps: official names, province/city short names, county short
 * names confirmed by a related region or tagged as a place by the segmenter (0.55). It drops: other
 * bare county short names (0.35), generic names (0.3), and any name shared by two or more equally
 * plausible regions (≤ 0.475).
 */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

// How a surface string names a region.
//  name:    the official name (漯河市, 兴安盟)
//  alias:   short name + the plain suffix people use for autonomous areas (延边州, 长阳县)
//  short:   the everyday short name (漯河, 延边)
//  generic: an official name that is also an ordinary noun (城区, 郊区, 矿区, 东区)
type SurfaceKind = 'name' | 'alias' | 'short' | 'generic';

const BASE_CONFIDENCE: Readonly<Record<SurfaceKind | 'placeShort', Readonly<Record<RegionLevel, number>>>> = {
  name: { PROVINCE: 0.95, CITY: 0.95, COUNTY: 0.9 },
  alias: { PROVINCE: 0.9, CITY: 0.9, COUNTY: 0.85 },
  short: { PROVINCE: 0.85, CITY: 0.75, COUNTY: 0.35 },
  // A county short name the segmenter itself knows as a place (浦东, 昆山), not as a common word (平安, 通道).
  placeShort: { PROVINCE: 0.85, CITY: 0.75, COUNTY: 0.55 },
  generic: { PROVINCE: 0.3, CITY: 0.3, COUNTY: 0.3 },
};

const KIND_RANK: Readonly<Record<SurfaceKind, number>> = { name: 0, alias: 1, short: 2, generic: 3 };

// A related region in the text lifts a candidate at least to this, plus the bonus.
const CONFIRMED_FLOOR = 0.8;
const CONFIRMED_BONUS = 0.1;

type Candidate = { region: RegionRow; kind: SurfaceKind };

// isPlaceWord: the span is one segmenter word that its dictionary tags as a place name (ns).
type Mention = { start: number; end: number; candidates: readonly Candidate[]; isPlaceWord: boolean };

type DetectorIndex = {
  jieba: Jieba;
  surfaces: ReadonlyMap<string, readonly Candidate[]>;
  /** Every prefix of every surface ('' and the surfaces included): a longer match is worth trying only after one. */
  surfacePrefixes: ReadonlySet<string>;
  longestSurface: number;
};

let detector: DetectorIndex | undefined;

// A two-character official 区 name with a one-character stem (城区, 郊区, 矿区, 东区, 西区) is
// the ordinary word for "urban/suburban/mining/east district"; read as a name only in context.
function isGenericName(row: RegionRow): boolean {
  return row.name.length === 2 && row.name.endsWith('区');
}

// People write 延边州, 恩施州, 长阳县, 鄂伦春旗 for autonomous areas.
function aliasOf(row: RegionRow): string | null {
  const suffix = /自治(州|县|旗)$/.exec(row.name)?.[1];
  if (!suffix || row.shortName === row.name) return null;
  return row.shortName + suffix;
}

function surfacesOf(row: RegionRow): [string, SurfaceKind][] {
  const surfaces: [string, SurfaceKind][] = [[row.name, isGenericName(row) ? 'generic' : 'name']];
  const alias = aliasOf(row);
  if (alias) surfaces.push([alias, 'alias']);
  if (row.shortName !== row.name) surfaces.push([row.shortName, 'short']);
  return surfaces;
}

function buildDetector(): DetectorIndex {
  const surfaces = new Map<string, Candidate[]>();
  for (const region of getRegionIndex().rows) {
    for (const [surface, kind] of surfacesOf(region)) {
      const list = surfaces.get(surface);
      // One region may reach a surface twice (an alias equal to another name): keep the stronger reading.
      const existing = list?.find((c) => c.region.code === region.code);
      if (existing) continue;
      if (list) list.push({ region, kind });
      else surfaces.set(surface, [{ region, kind }]);
    }
  }
  const longestSurface = Math.max(...[...surfaces.keys()].map((s) => s.length));
  const surfacePrefixes = new Set<string>();
  for (const surface of surfaces.keys()) {
    for (let end = 0; end <= surface.length; end += 1) surfacePrefixes.add(surface.slice(0, end));
  }
  // The process's shared segmenter (lib/content/segmenter.ts), not one of its own.
  return { jieba: getSegmenter(), surfaces, surfacePrefixes, longestSurface };
}

function getDetector(): DetectorIndex {
  detector ??= buildDetector();
  return detector;
}

/**
 * Split points inside one segmenter word when the whole word is a chain of region names: the
 * dictionary holds compounds such as 甘肃兰州 or 广西南宁, which are still two places. A word
 * with any other part (中山大学, 合作医疗) yields nothing.
 */
function regionChainSplits(word: string, index: DetectorIndex): number[] | null {
  // reach[k] = the split points of a full cover of word[0, k), or null if none.
  const reach: (number[] | null)[] = [[]];
  for (let end = 1; end <= word.length; end += 1) {
    reach[end] = null;
    for (let start = Math.max(0, end - index.longestSurface); start <= end - 2 && reach[end] === null; start += 1) {
      const prefix = reach[start];
      if (prefix && index.surfaces.has(word.slice(start, end))) reach[end] = start === 0 ? [] : [...prefix, start];
    }
  }
  return reach[word.length] ?? null;
}

// Compounds of two place names have at least four characters.
const MIN_COMPOUND_LENGTH = 4;

type Segmentation = {
  /** Offsets where words start, including inside place-name compounds, plus the end of the text. */
  boundaries: number[];
  /** "start:end" of the words tagged as place names. */
  placeWords: Set<string>;
};

const spanKey = (start: number, end: number): string => `${start}:${end}`;

function segment(index: DetectorIndex, text: string): Segmentation {
  const boundaries: number[] = [0];
  const placeWords = new Set<string>();
  let offset = 0;
  for (const { word, tag } of index.jieba.tag(text, false)) {
    // Words are consecutive slices of the text; indexOf guards against any dropped character.
    const at = text.indexOf(word, offset);
    if (at < 0) continue;
    if (at !== offset) boundaries.push(at);
    if (word.length >= MIN_COMPOUND_LENGTH && !index.surfaces.has(word)) {
      for (const split of regionChainSplits(word, index) ?? []) boundaries.push(at + split);
    }
    offset = at + word.length;
    boundaries.push(offset);
    if (tag.startsWith('ns')) placeWords.add(spanKey(at, offset));
  }
  return { boundaries, placeWords };
}

/** Non-overlapping region mentions whose both ends fall on word boundaries; longest match first. */
function findMentions(index: DetectorIndex, text: string): Mention[] {
  const { boundaries, placeWords } = segment(index, text);
  const mentions: Mention[] = [];
  let i = 0;
  while (i < boundaries.length - 1) {
    const start = boundaries[i]!;
    let matched: { endIndex: number; candidates: readonly Candidate[] } | null = null;
    for (let j = i + 1; j < boundaries.length && boundaries[j]! - start <= index.longestSurface; j += 1) {
      const span = text.slice(start, boundaries[j]);
      // Boundaries never decrease: once a span begins no surface, no longer span can be one.
      if (!index.surfacePrefixes.has(span)) break;
      const candidates = index.surfaces.get(span);
      if (candidates) matched = { endIndex: j, candidates };
    }
    if (matched) {
      const end = boundaries[matched.endIndex]!;
      mentions.push({ start, end, candidates: matched.candidates, isPlaceWord: placeWords.has(spanKey(start, end)) });
      i = matched.endIndex;
    } else {
      i += 1;
    }
  }
  return mentions;
}

function areRelated(a: RegionRow, b: RegionRow): boolean {
  return isAncestorOf(a.code, b.code) || isAncestorOf(b.code, a.code);
}

/** Narrows a mention's candidates and scores them, given every other mention in the text. */
function resolveMention(mention: Mention, others: readonly Mention[]): { region: RegionRow; confidence: number }[] {
  const contextRegions = others.flatMap((other) => other.candidates.map((c) => c.region));
  const confirmed = mention.candidates.filter((c) => contextRegions.some((region) => areRelated(c.region, region)));

  // Related regions in the text decide first; then a bare name means the larger region
  // (河南 → 河南省, not 河南县; 甘肃兰州 → 兰州市, not 兰州新区) and its stronger reading.
  const isConfirmed = confirmed.length > 0;
  const pool = isConfirmed ? confirmed : mention.candidates;
  const preference = (c: Candidate) => LEVEL_RANK[c.region.level] * 10 + KIND_RANK[c.kind];
  const top = Math.min(...pool.map(preference));
  const chosen = pool.filter((c) => preference(c) === top);

  return chosen.map((c) => {
    const base = BASE_CONFIDENCE[c.kind === 'short' && mention.isPlaceWord ? 'placeShort' : c.kind][c.region.level];
    const score = isConfirmed ? Math.min(1, Math.max(base, CONFIRMED_FLOOR) + CONFIRMED_BONUS) : base;
    // Several equally plausible regions: nobody can tell which one is meant.
    return { region: c.region, confidence: score / chosen.length };
  });
}

const roundConfidence = (value: number): number => Math.round(value * 1000) / 1000;

/** Regions a text is about, most specific only, in order of first mention. */
export function detectRegions(text: string, options: DetectRegionsOptions = {}): DetectedRegion[] {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (text.trim() === '') return [];
  const mentions = findMentions(getDetector(), text);

  const best = new Map<string, { region: RegionRow; confidence: number; position: number }>();
  mentions.forEach((mention, at) => {
    const others = mentions.filter((_, k) => k !== at);
    for (const { region, confidence } of resolveMention(mention, others)) {
      const previous = best.get(region.code);
      if (!previous || confidence > previous.confidence) {
        best.set(region.code, { region, confidence, position: previous?.position ?? mention.start });
      }
    }
  });

  const kept = [...best.values()].filter((hit) => hit.confidence >= minConfidence);
  return kept
    .filter((hit) => !kept.some((other) => other !== hit && isAncestorOf(hit.region.code, other.region.code)))
    .sort((a, b) => a.position - b.position)
    .map(({ region, confidence }) => ({
      code: region.code,
      name: region.name,
      path: regionPath(region.code),
      level: region.level,
      confidence: roundConfidence(confidence),
    }));
}

/** Builds the segmenter and name index now (about 0.3 s) instead of on the first call. */
export function warmUpRegionDetector(): void {
  getDetector();
}
