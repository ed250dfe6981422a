import { normalizeChar } from './normalize';

// A passage of text around the first match, with every occurrence of a query word marked.
// Matching is done on the normalised text (as the search does) and mapped back to the original
// characters, so the reader sees the text as written. The result is plain segments: the page
// renders them as React text and <mark> elements, so nothing is ever parsed as HTML.

export type SnippetSegment = { text: string; mark: boolean };

const BEFORE = 30;
const LENGTH = 110;

type Normalised = { text: string; origin: number[] };

/** The normalised text, and for each of its UTF-16 units the index of its original code point. */
function normalise(chars: string[]): Normalised {
  let text = '';
  const origin: number[] = [];
  chars.forEach((char, i) => {
    const n = normalizeChar(char);
    text += n;
    for (let k = 0; k < n.length; k++) origin.push(i);
  });
  return { text, origin };
}

/** Character ranges [start, end) of the original text that match a needle (longest first, no overlaps). */
export function findMatches(text: string, needles: readonly string[]): [number, number][] {
  const chars = [...text];
  const { text: norm, origin } = normalise(chars);
  const sorted = [...new Set(needles.filter(Boolean))].sort((a, b) => b.length - a.length);
  const marked = new Uint8Array(chars.length);
  const ranges: [number, number][] = [];
  for (const needle of sorted) {
    let from = 0;
    for (;;) {
      const at = norm.indexOf(needle, from);
      if (at < 0) break;
      const start = origin[at];
      const end = origin[at + needle.length - 1] + 1;
      let free = true;
      for (let i = start; i < end; i++) if (marked[i]) free = false;
      if (free) {
        for (let i = start; i < end; i++) marked[i] = 1;
        ranges.push([start, end]);
      }
      from = at + needle.length;
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/**
 * A passage of the first text (body, then summary …) that has a match, around its first match,
 * with all matches in it marked; the start of the first non-empty text when none matches.
 */
export function buildSnippet(texts: readonly string[], needles: readonly string[]): SnippetSegment[] {
  for (const text of texts) {
    const ranges = findMatches(text, needles);
    if (ranges.length > 0) return passage(text, ranges);
  }
  const first = texts.find((t) => t.trim()) ?? '';
  return passage(first, []);
}

function passage(text: string, ranges: [number, number][]): SnippetSegment[] {
  const chars = [...text.replace(/\s+/g, ' ')];
  // Whitespace collapsing can only shorten the text before a match if it had runs of spaces; recompute on the collapsed text.
  const collapsed = chars.join('');
  if (collapsed !== text) return passageOf(chars, ranges.length ? findMatchesFromChars(collapsed, text, ranges) : []);
  return passageOf(chars, ranges);
}

function findMatchesFromChars(collapsed: string, original: string, ranges: [number, number][]): [number, number][] {
  const originalChars = [...original];
  const needles = [...new Set(ranges.map(([s, e]) => originalChars.slice(s, e).join('').toLowerCase()))];
  return findMatches(collapsed, needles);
}

function passageOf(chars: string[], ranges: [number, number][]): SnippetSegment[] {
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - BEFORE);
  const end = Math.min(chars.length, start + LENGTH);
  if (end - start < LENGTH) start = Math.max(0, end - LENGTH);
  // Never cut a match in two at the passage's edges.
  for (const [s, e] of ranges) if (s < start && e > start) start = s;
  const segments: SnippetSegment[] = [];
  const push = (text: string, mark: boolean) => {
    if (!text) return;
    const last = segments.at(-1);
    if (last && last.mark === mark && !mark) last.text += text;
    else segments.push({ text, mark });
  };
  if (start > 0) push('…', false);
  let at = start;
  for (const [s, e] of ranges) {
    if (e <= start || s >= end) continue;
    push(chars.slice(at, s).join(''), false);
    push(chars.slice(s, Math.min(e, Math.max(end, e))).join(''), true);
    at = e;
  }
  if (at < end) push(chars.slice(at, end).join(''), false);
  if (end < chars.length) push('…', false);
  return segments;
}
