/**
 * Small clean-ups for plain-text fields (titles, item summaries, article summary).
 */

export const SUMMARY_LENGTH = 120;

// A summary shorter than this reads like a fragment; below it we cut mid-sentence instead.
const MIN_SUMMARY_LENGTH = 40;
const SENTENCE_END = /[。！？!?；;]/u;
const CLAUSE_BREAK = /[，,、：:]/u;
const WORD_CHAR = /[A-Za-z0-9]/;
const ELLIPSIS = '…';

/**
 * Collapses whitespace, and drops spaces that touch CJK punctuation: they are leftovers
 * of bold padding (`种植牙 ：约`) and read as typos in Chinese. Other single spaces stay
 * (between Latin words, numbers, and blocks the scraper flattened into one line).
 */
export function tidyPlainText(text: string): string {
  // One pass over the whitespace runs: each becomes one space, or nothing at either end of the
  // text or next to CJK punctuation. (Same result as collapse, trim, then drop spaces around
  // the punctuation: three passes, for every field of every imported item.) Most fields have
  // no whitespace at all, which a plain test settles faster than a replace.
  if (!WHITESPACE.test(text)) return text;
  return text.replace(WHITESPACE_RUN, (run: string, start: number) => {
    const end = start + run.length;
    const keepSpace = start > 0 && end < text.length && !isCjkPunctuation(text.charCodeAt(start - 1)) && !isCjkPunctuation(text.charCodeAt(end));
    return keepSpace ? ' ' : '';
  });
}

const WHITESPACE = /\s/;
const WHITESPACE_RUN = /\s+/g;

// CJK Symbols and Punctuation except the ideographic space (which is whitespace), and the
// full-width forms. No whitespace character is in these ranges.
function isCjkPunctuation(code: number): boolean {
  return (code >= 0x3001 && code <= 0x303f) || (code >= 0xff01 && code <= 0xff60);
}

/**
 * Whether the text has more than `max` characters (code points, as Array.from counts them).
 * Counting walks the whole string, so it is done only when the UTF-16 length leaves a doubt:
 * n units hold between n/2 and n code points.
 */
export function isLongerThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  if (text.length > 2 * max) return true;
  return Array.from(text).length > max;
}

/**
 * Shortens to at most `max` characters (code points), preferring to end after a
 * sentence, then before a clause break (with an ellipsis), and never inside a Latin
 * word or number.
 */
export function cutSummary(text: string, max = SUMMARY_LENGTH): string {
  const trimmed = text.trim();
  // n UTF-16 units hold at most n characters: short text needs no counting.
  if (trimmed.length <= max) return trimmed;
  const chars = Array.from(trimmed);
  if (chars.length <= max) return trimmed;

  for (let i = max - 1; i >= MIN_SUMMARY_LENGTH; i -= 1) {
    if (SENTENCE_END.test(chars[i])) return chars.slice(0, i + 1).join('');
  }
  for (let i = max - 1; i >= MIN_SUMMARY_LENGTH; i -= 1) {
    if (CLAUSE_BREAK.test(chars[i])) return chars.slice(0, i).join('') + ELLIPSIS;
  }
  let end = max - 1;
  while (end > MIN_SUMMARY_LENGTH && WORD_CHAR.test(chars[end - 1]) && WORD_CHAR.test(chars[end])) end -= 1;
  return chars.slice(0, end).join('').trimEnd() + ELLIPSIS;
}
