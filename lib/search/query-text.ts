// Text typed into a search box or a list's filter, as it arrives in an address (?q=…): read one way
// for the public search and every admin list (lib/articles/list-query.ts, lib/audit/audit-log.ts).
// Control characters become spaces: PostgreSQL's text refuses NUL (a page asked for ?q=%00 would
// fail), and nobody types the others. Text longer than MAX_QUERY_CHARS is cut there, and the page
// says so, rather than refusing the whole address.

export const MAX_QUERY_CHARS = 100;

// C0 (NUL, tab, line breaks …), DEL and C1: tabs and line breaks separate words as spaces do.
// oxlint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;

export type QueryText = {
  /** Trimmed, without control characters, at most `max` UTF-16 units (never half a surrogate pair). */
  text: string;
  /** The text was longer and has been cut: the page shows queryCutNotice. */
  cut: boolean;
};

export function withoutControlChars(text: string): string {
  return text.replace(CONTROL_CHARS, ' ');
}

/** A search parameter's text (the first, when it is repeated), cleaned and cut to `max`. */
export function readQueryText(raw: unknown, max = MAX_QUERY_CHARS): QueryText {
  const value = Array.isArray(raw) ? raw[0] : raw;
  const text = typeof value === 'string' ? withoutControlChars(value).trim() : '';
  if (text.length <= max) return { text, cut: false };
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return { text: text.slice(0, end).trimEnd(), cut: true };
}

/** What a page says under its search box when readQueryText cut the text. */
export function queryCutNotice(max = MAX_QUERY_CHARS): string {
  return `搜索词超过 ${max} 个字，只按前 ${max} 个字搜索。`;
}
