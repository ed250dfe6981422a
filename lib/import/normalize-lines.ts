/**
 * Line-level clean-up shared by the decoder, the parser and the content hash, so a page
 * hashes the same whether it arrived with CRLF, tabs or trailing blanks.
 * Idempotent: normalizeLines(normalizeLines(x)) === normalizeLines(x).
 */

const TAB_WIDTH = 4;

// Zero-width characters and stray BOMs (files concatenated by the scraper) are invisible
// junk that would otherwise make two identical-looking titles differ.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

// Non-breaking and figure spaces come from &nbsp; in the scraped HTML; the format treats
// them as ordinary spaces (bold padding, indentation).
const SPACE_LIKE = /[\u00A0\u2007\u202F]/g;

// C0/C1 control characters other than newline and tab carry no meaning in a page and
// PostgreSQL rejects NUL outright.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

const TRAILING_BLANKS = /[ \u3000]+$/;

export function normalizeLines(text: string): string {
  const unified = text
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(SPACE_LIKE, ' ')
    .replace(CONTROL, '');
  return unified
    .split('\n')
    .map((line) => expandTabs(line).replace(TRAILING_BLANKS, ''))
    .join('\n');
}

// Leading tabs are indentation (one tab = one indent step of the format); a tab inside
// the text is just a separator.
function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  const leading = /^[\t ]*/.exec(line)?.[0] ?? '';
  const indent = leading.replace(/\t/g, ' '.repeat(TAB_WIDTH));
  return indent + line.slice(leading.length).replace(/\t+/g, ' ');
}
