import type { RegionLevel } from './region-data';
import { getRegionIndex } from './region-index';
import { regionPath } from './region-path';

export type RegionChild = { code: string; name: string; level: RegionLevel; path: string[]; hasChildren: boolean };

/**
 * The regions directly under `parentCode` (the provinces for null), in code order; null for an
 * unknown code. Follows parentCode like the rest of the tree helpers: a municipality's children
 * are its counties, and a province such as 河南省 has its cities and the counties it
 * administers directly (济源市).
 */
export function regionChildren(parentCode: string | null): RegionChild[] | null {
  const { rows, byCode, childrenOf } = getRegionIndex();
  if (parentCode !== null && !byCode.has(parentCode)) return null;
  const children = parentCode === null ? rows.filter((row) => row.parentCode === null) : (childrenOf.get(parentCode) ?? []);
  return [...children]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((row) => ({ code: row.code, name: row.name, level: row.level, path: regionPath(row.code), hasChildren: (childrenOf.get(row.code)?.length ?? 0) > 0 }));
}
