/**
 * The scraper flattened full-width punctuation to ASCII (`,` `:` `;` `(` `)` `?`).
 * This puts the full-width form back where the mark sits in Chinese text, and leaves
 * numbers (1,000  10:30  3:2), phone numbers, percentages, URLs and Latin text alone.
 *
 * "In Chinese text" means: the nearest non-space character on either side is Chinese
 * (a Han character or CJK/full-width punctuation). Spaces are looked through because the
 * scraper pads bold phrases with them (`年缴制 ,即`). Parentheses are decided per pair so
 * both halves always match.
 */

const FULL_WIDTH: Readonly<Record<string, string>> = {
  ',': '，',
  ':': '：',
  ';': '；',
  '?': '？',
  '(': '（',
  ')': '）',
};

// Imports call this for every text run of every page, so only the positions of these marks
// are visited, never every character of the text.
const CANDIDATE = /[,:;?()]/g;

const HAN = /\p{Script=Han}/u;

// scheme://… or www.…, ASCII only so a URL glued to Chinese text ends where the Chinese starts.
const URL_PATTERN = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[\x21-\x7E]+/gi;
// What every URL_PATTERN match contains: a cheap test that nearly always rules URLs out.
const URL_HINT = /:\/\/|www\./i;
// Linkifier convention: sentence punctuation right after a URL belongs to the sentence.
const URL_TRAILING = /[.,;:?!]+$/;

const SPACE = 0x20;

/** [start, end) of a URL in the text. */
type Span = [number, number];

export function normalizeChinesePunctuation(text: string): string {
  const candidates = findCandidates(text);
  if (candidates.length === 0) return text;
  // Parentheses first, so a separator right after a converted `）` sees Chinese context:
  // `（复印所有成员资料）,16周岁以下` → `…），16周岁以下`.
  const parentheses = decideParentheses(text, candidates);
  // Separators are judged on the text with those parentheses converted (and nothing else).
  let result = '';
  let from = 0;
  for (const index of candidates) {
    const convert = parentheses.get(index) ?? shouldConvertSeparator(text, index, parentheses);
    if (!convert) continue;
    // Conversions are one UTF-16 unit for one, so every index stays valid.
    result += text.slice(from, index) + FULL_WIDTH[text[index]];
    from = index + 1;
  }
  return from === 0 ? text : result + text.slice(from);
}

/** Positions of the marks outside URLs, in text order. */
function findCandidates(text: string): number[] {
  const candidates: number[] = [];
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match; match = CANDIDATE.exec(text)) candidates.push(match.index);
  if (candidates.length === 0 || !URL_HINT.test(text)) return candidates;
  // Both lists are in text order: one walk, however many URLs the text holds.
  const urls = findUrls(text);
  let next = 0;
  return candidates.filter((index) => {
    while (next < urls.length && urls[next][1] <= index) next += 1;
    return !(next < urls.length && urls[next][0] <= index);
  });
}

function findUrls(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(URL_PATTERN)) spans.push([match.index, match.index + trimUrl(match[0]).length]);
  return spans;
}

function trimUrl(url: string): string {
  let trimmed = url.replace(URL_TRAILING, '');
  // A closing parenthesis belongs to the URL only if the URL opened one (wiki-style links).
  while (trimmed.endsWith(')') && count(trimmed, '(') < count(trimmed, ')')) {
    trimmed = trimmed.slice(0, -1).replace(URL_TRAILING, '');
  }
  return trimmed;
}

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

const NO_PARENTHESES: ReadonlyMap<number, boolean> = new Map();

// A pair converts when it wraps Chinese, or sits against Chinese on its outer side:
// `费用(如门诊)` `政策(2025)规定` `App(安卓版)`, but not `f(x)` or `(Android)` in Latin text.
// Decided on the text as it came in, so one pair's decision never depends on another's.
function decideParentheses(text: string, candidates: number[]): ReadonlyMap<number, boolean> {
  // Most text runs have none: they share one empty map.
  if (!candidates.some((index) => text[index] === '(' || text[index] === ')')) return NO_PARENTHESES;
  const decided = new Map<number, boolean>();
  const open: number[] = [];
  for (const index of candidates) {
    const ch = text[index];
    if (ch === '(') {
      open.push(index);
    } else if (ch === ')') {
      const start = open.pop();
      if (start === undefined) {
        // Unpaired parentheses (text cut mid-way) follow the neighbour rule.
        decided.set(index, isInChineseContext(text, index, null));
        continue;
      }
      const convert =
        isChineseAt(text, previousSignificant(text, start), null) ||
        isChineseAt(text, nextSignificant(text, index), null) ||
        HAN.test(text.slice(start + 1, index));
      decided.set(start, convert);
      decided.set(index, convert);
    }
  }
  for (const start of open) decided.set(start, isInChineseContext(text, start, null));
  return decided;
}

function shouldConvertSeparator(text: string, index: number, parentheses: ReadonlyMap<number, boolean>): boolean {
  // 1,000 / 10:30 / 3:2 — digits on both sides are a number, whatever surrounds them.
  if (isDigit(text.charCodeAt(index - 1)) && isDigit(text.charCodeAt(index + 1))) return false;
  return isInChineseContext(text, index, parentheses);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** `converted`: parentheses already decided, which count as their full-width form; null before that. */
function isInChineseContext(text: string, index: number, converted: ReadonlyMap<number, boolean> | null): boolean {
  return isChineseAt(text, previousSignificant(text, index), converted) || isChineseAt(text, nextSignificant(text, index), converted);
}

/** Index of the character before `index`, spaces skipped (the start of a surrogate pair); -1 if none. */
function previousSignificant(text: string, index: number): number {
  let i = index - 1;
  while (i >= 0 && text.charCodeAt(i) === SPACE) i -= 1;
  // Step back over a surrogate pair so rare Han characters (CJK Ext. B+) are recognised. A lone
  // low surrogate steps back too: the character read is then the one before it.
  if (i > 0 && isLowSurrogate(text.charCodeAt(i))) return i - 1;
  return i;
}

/** Index of the character after `index`, spaces skipped; -1 if none. */
function nextSignificant(text: string, index: number): number {
  let i = index + 1;
  while (i < text.length && text.charCodeAt(i) === SPACE) i += 1;
  return i < text.length ? i : -1;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function isChineseAt(text: string, index: number, converted: ReadonlyMap<number, boolean> | null): boolean {
  if (index < 0) return false;
  if (converted?.get(index)) return true; // a parenthesis that became （ or ）
  return isChineseCodePoint(text.codePointAt(index)!);
}

export function isChinese(ch: string): boolean {
  if (ch === '') return false;
  if (HAN.test(ch)) return true;
  const code = ch.codePointAt(0) ?? 0;
  return isCjkPunctuation(code);
}

/** isChinese for one code point, without making a string of it in the common cases. */
export function isChineseCodePoint(code: number): boolean {
  return isCjkPunctuation(code) || isHan(code);
}

// CJK Symbols and Punctuation (、。「」【】《》…, ideographic space) and the
// full-width forms block (，：；（）？！ and full-width letters/digits).
function isCjkPunctuation(code: number): boolean {
  return (code >= 0x3000 && code <= 0x303f) || (code >= 0xff01 && code <= 0xff60);
}

// Nothing below the CJK Radicals block (U+2E80) is Han, and the main CJK Unified Ideographs
// block (U+4E00–U+9FFF) is all Han: that settles nearly every character without the regex.
function isHan(code: number): boolean {
  if (code < 0x2e80) return false;
  if (code >= 0x4e00 && code <= 0x9fff) return true;
  return HAN.test(String.fromCodePoint(code));
}
