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

const SEPARATORS = new Set([',', ':', ';', '?']);

const HAN = /\p{Script=Han}/u;
const DIGIT = /[0-9]/;

// scheme://… or www.…, ASCII only so a URL glued to Chinese text ends where the Chinese starts.
const URL_PATTERN = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[\x21-\x7E]+/gi;
// Linkifier convention: sentence punctuation right after a URL belongs to the sentence.
const URL_TRAILING = /[.,;:?!]+$/;

export function normalizeChinesePunctuation(text: string): string {
  if (!/[,:;?()]/.test(text)) return text;
  const protectedMask = maskUrls(text);
  // Parentheses first, so a separator right after a converted `）` sees Chinese context:
  // `（复印所有成员资料）,16周岁以下` → `…），16周岁以下`.
  const withParentheses = replaceAt(text, protectedMask, decideParentheses(text, protectedMask));
  const separators = new Map<number, boolean>();
  for (let i = 0; i < withParentheses.length; i += 1) {
    if (!protectedMask?.[i] && SEPARATORS.has(withParentheses[i])) {
      separators.set(i, shouldConvertSeparator(withParentheses, i));
    }
  }
  return replaceAt(withParentheses, protectedMask, separators);
}

// Conversions are one UTF-16 unit for one, so indices stay valid between passes. Imports call
// this for every text run of every page, so the usual case (nothing to convert) copies nothing.
function replaceAt(text: string, protectedMask: boolean[] | null, decisions: Map<number, boolean>): string {
  const indices: number[] = [];
  for (const [index, convert] of decisions) {
    if (convert && !protectedMask?.[index] && FULL_WIDTH[text[index]]) indices.push(index);
  }
  if (indices.length === 0) return text;
  indices.sort((a, b) => a - b);
  let result = '';
  let from = 0;
  for (const index of indices) {
    result += text.slice(from, index) + FULL_WIDTH[text[index]];
    from = index + 1;
  }
  return result + text.slice(from);
}

function shouldConvertSeparator(text: string, index: number): boolean {
  // 1,000 / 10:30 / 3:2 — digits on both sides are a number, whatever surrounds them.
  if (DIGIT.test(text[index - 1] ?? '') && DIGIT.test(text[index + 1] ?? '')) return false;
  return isInChineseContext(text, index);
}

function isInChineseContext(text: string, index: number): boolean {
  return isChinese(previousSignificant(text, index)) || isChinese(nextSignificant(text, index));
}

// A pair converts when it wraps Chinese, or sits against Chinese on its outer side:
// `费用(如门诊)` `政策(2025)规定` `App(安卓版)`, but not `f(x)` or `(Android)` in Latin text.
function decideParentheses(text: string, protectedMask: boolean[] | null): Map<number, boolean> {
  const decided = new Map<number, boolean>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (protectedMask?.[i]) continue;
    if (text[i] === '(') open.push(i);
    if (text[i] === ')') {
      const start = open.pop();
      if (start === undefined) continue;
      const convert =
        HAN.test(text.slice(start + 1, i)) ||
        isChinese(previousSignificant(text, start)) ||
        isChinese(nextSignificant(text, i));
      decided.set(start, convert);
      decided.set(i, convert);
    }
  }
  // Unpaired parentheses (text cut mid-way) follow the neighbour rule.
  for (let i = 0; i < text.length; i += 1) {
    if ((text[i] === '(' || text[i] === ')') && !protectedMask?.[i] && !decided.has(i)) {
      decided.set(i, isInChineseContext(text, i));
    }
  }
  return decided;
}

// null when the text holds no URL (nearly always), so nothing is allocated per character.
function maskUrls(text: string): boolean[] | null {
  let mask: boolean[] | null = null;
  for (const match of text.matchAll(URL_PATTERN)) {
    mask ??= new Array<boolean>(text.length).fill(false);
    const url = trimUrl(match[0]);
    for (let i = match.index; i < match.index + url.length; i += 1) mask[i] = true;
  }
  return mask;
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

function previousSignificant(text: string, index: number): string {
  let i = index - 1;
  while (i >= 0 && text[i] === ' ') i -= 1;
  if (i < 0) return '';
  // Step back over a surrogate pair so rare Han characters (CJK Ext. B+) are recognised.
  const code = text.charCodeAt(i);
  if (code >= 0xdc00 && code <= 0xdfff && i > 0) return text.slice(i - 1, i + 1);
  return text[i];
}

function nextSignificant(text: string, index: number): string {
  let i = index + 1;
  while (i < text.length && text[i] === ' ') i += 1;
  if (i >= text.length) return '';
  return String.fromCodePoint(text.codePointAt(i) ?? 0);
}

export function isChinese(ch: string): boolean {
  if (ch === '') return false;
  if (HAN.test(ch)) return true;
  const code = ch.codePointAt(0) ?? 0;
  // CJK Symbols and Punctuation (、。「」【】《》…, ideographic space) and the
  // full-width forms block (，：；（）？！ and full-width letters/digits).
  return (code >= 0x3000 && code <= 0x303f) || (code >= 0xff01 && code <= 0xff60);
}
