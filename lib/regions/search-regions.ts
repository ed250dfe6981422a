import { LEVEL_RANK, type RegionRow } from './region-data';
import { getRegionIndex } from './region-index';

// In-memory region search for pickers and filters: Chinese names, full pinyin and initials.

export const DEFAULT_SEARCH_LIMIT = 20;

// Lower is better. Exact beats prefix beats pinyin beats "somewhere inside the name".
const MATCH_RANK = { exact: 0, namePrefix: 1, pinyinPrefix: 2, initialsPrefix: 3, nameContains: 4 } as const;
type MatchRank = (typeof MATCH_RANK)[keyof typeof MATCH_RANK];

function normaliseQuery(query: string): string {
  // Editors type "guang zhou" or "Guang'zhou" as often as "guangzhou".
  return query
    .trim()
    .toLowerCase()
    .replace(/[\s'’]+/g, '');
}

function matchRank(row: RegionRow, query: string): MatchRank | null {
  if (row.name === query || row.shortName === query) return MATCH_RANK.exact;
  if (row.name.startsWith(query)) return MATCH_RANK.namePrefix;
  if (row.pinyin.startsWith(query)) return MATCH_RANK.pinyinPrefix;
  if (row.initials.startsWith(query)) return MATCH_RANK.initialsPrefix;
  if (row.name.includes(query)) return MATCH_RANK.nameContains;
  return null;
}

/** Regions matching a name, short name, pinyin prefix or initials prefix; larger regions first within a match rank. */
export function searchRegions(query: string, limit: number = DEFAULT_SEARCH_LIMIT): RegionRow[] {
  const needle = normaliseQuery(query);
  if (needle === '' || limit <= 0) return [];
  const hits: { row: RegionRow; rank: MatchRank }[] = [];
  for (const row of getRegionIndex().rows) {
    const rank = matchRank(row, needle);
    if (rank !== null) hits.push({ row, rank });
  }
  hits.sort((a, b) => a.rank - b.rank || LEVEL_RANK[a.row.level] - LEVEL_RANK[b.row.level] || a.row.code.localeCompare(b.row.code));
  return hits.slice(0, limit).map((hit) => hit.row);
}
