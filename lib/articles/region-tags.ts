import { AppError } from '@/lib/errors';
import { regionAncestorCodes } from '@/lib/regions/region-path';
import type { RegionTagInput } from './schemas';
import type { RegionRow } from './write-versions';

/**
 * The editor's region tags as they will be stored. What the client may do with origins is
 * limited to what the editor can do in the UI: keep an AUTO suggestion, accept it (AUTO →
 * MANUAL), reject it (dropped and remembered, so re-detection never suggests it again), remove a
 * tag, or add a MANUAL one. A client cannot create AUTO rows or set confidences: a code that is
 * not already an AUTO row becomes MANUAL, and a MANUAL tag stays MANUAL. A region the editor tags
 * by hand is no longer rejected.
 */
export function editorRegionTags(
  existing: { regionCode: string; origin: 'AUTO' | 'MANUAL'; confidence: number }[],
  currentlyRejected: string[],
  tags: RegionTagInput[],
  rejectedCodes: string[] = [],
): { rows: RegionRow[]; rejectedRegionCodes: string[] } {
  const before = new Map(existing.map((r) => [r.regionCode, r]));
  const wanted = new Map<string, RegionTagInput>();
  for (const tag of tags) if (!wanted.has(tag.code)) wanted.set(tag.code, tag);
  const rows = [...wanted.values()].map((tag): RegionRow => {
    const row = before.get(tag.code);
    if (!row && !regionAncestorCodes(tag.code)) throw new AppError('INVALID', `地区代码 ${tag.code} 不存在`);
    if (row?.origin === 'AUTO' && tag.origin !== 'MANUAL') return { regionCode: tag.code, origin: 'AUTO', confidence: row.confidence };
    if (row?.origin === 'MANUAL') return { regionCode: tag.code, origin: 'MANUAL', confidence: row.confidence };
    return { regionCode: tag.code, origin: 'MANUAL', confidence: 1 };
  });
  // Only a suggestion can be rejected; codes that were not AUTO rows are ignored.
  const newlyRejected = rejectedCodes.filter((code) => before.get(code)?.origin === 'AUTO' && !wanted.has(code));
  const rejectedRegionCodes = [...new Set([...currentlyRejected, ...newlyRejected])].filter((code) => !wanted.has(code)).sort();
  return { rows, rejectedRegionCodes };
}
