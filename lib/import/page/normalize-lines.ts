/**
 * Line-level clean-up shared by the decoder, the parser and the content hash, so a page
 * hashes the same whether it arrived with CRLF, tabs or trailing blanks.
 * Idempotent: normalizeLines(normalizeLines(x)) === normalizeLines(x).
 */

const TAB_WIDTH = 4;

// Zero-width characters and stray BOMs (files concatenated by the scraper) are invisible
// junk that would otherwise make two identical-looking titles differ.
// C0/C1 control characters other than newline and tab carry no meaning in a page and
// PostgreSQL rejects NUL outright. Both are simply removed, so they share one pass.
// oxlint-disable-next-line no-control-regex -- control characters are what it removes
const INVISIBLE_OR_CONTROL = /[\u200B-\u200D\u2060\uFEFF\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

// Non-breaking and figure spaces come from &nbsp; in the scraped HTML; the format treats
// them as ordinary spaces (bold padding, indentation).
const SPACE_LIKE = /[\u00A0\u2007\u202F]/g;

// Blanks at the end of every line. `$` without the m flag is the end of the text only; the m
// flag would also stop at U+2028/U+2029, which are not line ends of the format. The lookbehind
// lets a match start only where a run of blanks starts, so a long run inside a line is tried
// once, not once per blank (which took quadratic time).
const TRAILING_BLANKS = /(?<![ \u3000])[ \u3000]+(?=\n|$)/g;

// Anything the steps below would change (\r is in the control range). Scraped pages rarely
// need any of it, so the usual call is this one scan.
// oxlint-disable-next-line no-control-regex -- control characters are among what it looks for
const NEEDS_WORK = /[\r\t\u200B-\u200D\u2060\uFEFF\u0000-\u0008\u000B-\u001F\u007F-\u00A0\u2007\u202F]|[ \u3000](?:\n|$)/;

export function normalizeLines(text: string): string {
  return NEEDS_WORK.test(text) ? normalize(text) : text;
}

function normalize(text: string): string {
  let unified = text.replace(/\r\n?/g, '\n').replace(INVISIBLE_OR_CONTROL, '').replace(SPACE_LIKE, ' ');
  // Tabs first: a trailing tab becomes a space, which the trailing-blank pass then removes.
  if (unified.includes('\t')) unified = unified.split('\n').map(expandTabs).join('\n');
  return unified.replace(TRAILING_BLANKS, '');
}

// Leading tabs are indentation (one tab = one indent step of the format); a tab inside
// the text is just a separator.
function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  const leading = /^[\t ]*/.exec(line)?.[0] ?? '';
  const indent = leading.replace(/\t/g, ' '.repeat(TAB_WIDTH));
  return indent + line.slice(leading.length).replace(/\t+/g, ' ');
}
