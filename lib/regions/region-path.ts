import type { RegionRow } from './region-data';
import { getRegionIndex } from './region-index';

// Tree helpers over the in-memory region data. The tree is walked through parentCode, never
// derived from code arithmetic: counties of municipalities (110105 朝阳区) and province-
// administered counties (429004 仙桃市) have no city, although their codes look as if they had one.

export function getRegion(code: string): RegionRow | undefined {
  return getRegionIndex().byCode.get(code);
}

/** Rows from the province down to the region itself; empty for an unknown code. */
export function regionChain(code: string): RegionRow[] {
  const { byCode } = getRegionIndex();
  const chain: RegionRow[] = [];
  for (let row = byCode.get(code); row; row = row.parentCode === null ? undefined : byCode.get(row.parentCode)) {
    chain.unshift(row);
  }
  return chain;
}

/** Official names from the province down: ['贵州省', '贵阳市', '白云区']. */
export function regionPath(code: string): string[] {
  return regionChain(code).map((row) => row.name);
}

export function provinceCodeOf(code: string): string | null {
  return regionChain(code)[0]?.code ?? null;
}

/** The city a region lies in (itself for a city); null for provinces and for counties without a city. */
export function cityCodeOf(code: string): string | null {
  return regionChain(code).find((row) => row.level === 'CITY')?.code ?? null;
}

/** The denormalised ancestor codes ArticleRegion stores; null for an unknown code. */
export function regionAncestorCodes(code: string): { provinceCode: string; cityCode: string | null } | null {
  const provinceCode = provinceCodeOf(code);
  return provinceCode === null ? null : { provinceCode, cityCode: cityCodeOf(code) };
}

/** True when `ancestorCode` is a strict ancestor of `code`. */
export function isAncestorOf(ancestorCode: string, code: string): boolean {
  return regionChain(code).some((row) => row.code === ancestorCode && row.code !== code);
}
