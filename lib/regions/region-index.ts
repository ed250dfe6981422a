import { buildRegionRows, type RegionRow } from './region-data';

// Building rows runs pinyin over ~3,300 names (tens of ms): do it once per process, on first use.

export type RegionIndex = {
  rows: readonly RegionRow[];
  byCode: ReadonlyMap<string, RegionRow>;
  childrenOf: ReadonlyMap<string, readonly RegionRow[]>;
};

let cached: RegionIndex | undefined;

function buildIndex(): RegionIndex {
  const rows = buildRegionRows();
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const childrenOf = new Map<string, RegionRow[]>();
  for (const row of rows) {
    if (row.parentCode === null) continue;
    const siblings = childrenOf.get(row.parentCode);
    if (siblings) siblings.push(row);
    else childrenOf.set(row.parentCode, [row]);
  }
  return { rows, byCode, childrenOf };
}

export function getRegionIndex(): RegionIndex {
  cached ??= buildIndex();
  return cached;
}
