// The policy years a text states: "2024年度城乡居民医保个人缴费标准", "2025年1月起", "根据2025年
// 最新政策", and the year of a document number "医保发〔2024〕12号". Rules such as 缴费标准 change
// every year, so a published page whose newest policy year is behind the calendar needs review
// (the freshness view, lib/articles/freshness.ts).
//
// Not policy years: amounts and durations ("380元", "满25年" — not a four-digit year), phone
// numbers ("0578-2285888"), digits inside longer numbers ("12025年", "3.2025年"), and ISO dates
// ("2025-04-17"): that form is the scraper's date of a recommendation item, the day a related
// page was listed, not a year the text's rules apply to.
//
// Isomorphic and pure: the editor computes it as the editor types, the public page and the
// freshness view from the published revision.

// The four-digit years a policy year can be.
const ANY_YEAR = '(?:19|20)[0-9]{2}';
const LAST_YEAR = 2099;

// Capture group 1 is a year before 年, group 2 the year of a document number. The two forms
// cannot overlap (one needs 年, the other brackets and 号), so a global scan finds every year.
function patternFor(year: string): string {
  return String.raw`(?<![0-9.])(${year}) ?年|[〔\[［(（](${year})[〕\]］)）] ?第?[0-9]+号`;
}

/**
 * The one pattern, shared with PostgreSQL (the freshness view filters in SQL, lib/articles/
 * freshness.ts): written in the subset that JavaScript and PostgreSQL's ARE read alike — ASCII
 * classes, a lookbehind, no \d or \s (their Unicode meaning differs). The test
 * tests/integration/freshness.test.ts checks that both read the same samples alike.
 */
export const POLICY_YEAR_PATTERN = patternFor(ANY_YEAR);

/** The pattern matching where the text states a policy year of `minYear` or later; null when none can be. */
export function policyYearPatternFrom(minYear: number): string | null {
  const years: number[] = [];
  for (let year = Math.max(minYear, 1900); year <= LAST_YEAR; year += 1) years.push(year);
  return years.length ? patternFor(`(?:${years.join('|')})`) : null;
}

/** Distinct policy years stated in `text`, ascending. */
export function extractPolicyYears(text: string): number[] {
  const years = new Set<number>();
  for (const match of text.matchAll(new RegExp(POLICY_YEAR_PATTERN, 'g'))) {
    years.add(Number(match[1] ?? match[2]));
  }
  return [...years].sort((a, b) => a - b);
}

const yearInChina = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' });

/** The calendar year in China (Asia/Shanghai) at `now`: the site's editors and readers are there. */
export function currentYearInChina(now: Date = new Date()): number {
  return Number(yearInChina.format(now));
}

/** True when the page states policy years and the newest is before the current year. */
export function isPolicyStale(years: readonly number[], currentYear: number): boolean {
  return years.length > 0 && Math.max(...years) < currentYear;
}
