import { getRegion } from './region-path';

/** Where-clause on ArticleRegion/PublishedArticleRegion: tagged with the region or any region under it. */
export function regionRollupWhere(code: string): { provinceCode: string } | { cityCode: string } | { regionCode: string } {
  switch (getRegion(code)?.level) {
    case 'PROVINCE':
      return { provinceCode: code };
    case 'CITY':
      return { cityCode: code };
    default:
      return { regionCode: code };
  }
}
