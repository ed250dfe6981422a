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
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ ?([\u3001-\u303F\uFF01-\uFF60]) ?/gu, '$1');
}

/**
 * Shortens to at most `max` characters (code points), preferring to end after a
 * sentence, then before a clause break (with an ellipsis), and never inside a Latin
 * word or number.
 */
export function cutSummary(text: string, max = SUMMARY_LENGTH): string {
  const chars = Array.from(text.trim());
  if (chars.length <= max) return chars.join('');

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
