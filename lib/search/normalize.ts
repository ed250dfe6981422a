// One normalisation for documents, queries and snippets: NFKC (full-width letters, digits and
// punctuation become their ordinary forms), then lower case. Applied per code point, so a
// position in the normalised text maps back to the original (lib/search/snippet.ts).

/** The normalised form of one code point (may be longer, e.g. ㎡ → m2, or empty). */
export function normalizeChar(char: string): string {
  // Most of every text, and no work: CJK unified ideographs (U+4E00–U+9FFF) have no compatibility
  // forms and no case; ASCII has no compatibility forms and lower-cases A–Z only.
  const code = char.charCodeAt(0);
  if (code >= 0x4e00 && code <= 0x9fff) return char;
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : char;
  return char.normalize('NFKC').toLowerCase();
}

/** A code unit that normalizeChar returns as it is without work: an ideograph, ASCII other than A–Z. */
function isPlainUnit(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code < 0x80 && !(code >= 0x41 && code <= 0x5a));
}

// normalizeChar of each other BMP code unit (Chinese punctuation such as ，。、), filled in on first
// sight: NFKC is slow next to a table look-up. Surrogate pairs are normalised each time.
const bmpNormalized = new Map<number, string>();

function normalizeBmpChar(code: number, char: string): string {
  let normalized = bmpNormalized.get(code);
  if (normalized === undefined) bmpNormalized.set(code, (normalized = normalizeChar(char)));
  return normalized;
}

/** normalizeChar of each code point, joined; unchanged stretches are copied as slices (this runs for every imported page). */
export function normalizeText(text: string): string {
  let out = '';
  let copied = 0; // text before this index is in out
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isPlainUnit(code)) continue;
    const pair = isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1));
    const char = pair ? text.slice(i, i + 2) : text[i];
    const normalized = pair ? normalizeChar(char) : normalizeBmpChar(code, char);
    if (normalized !== char) {
      out += text.slice(copied, i) + normalized;
      copied = i + char.length;
    }
    if (pair) i++;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

export function isHan(char: string): boolean {
  return HAN.test(char);
}

/** Letters and digits of any script: what a search can match. Everything else separates. */
export function isWordChar(char: string): boolean {
  return WORD_CHAR.test(char);
}

export type Run = { kind: 'han' | 'alnum'; text: string };

const SEPARATOR = 1;
const HAN_KIND = 2;
const ALNUM_KIND = 3;

function kindOf(char: string): number {
  return isHan(char) ? HAN_KIND : isWordChar(char) ? ALNUM_KIND : SEPARATOR;
}

// The kind of each BMP code unit as the regexes say, filled in on first sight (0: not yet), so
// splitRuns tests each distinct character once per process. Surrogate pairs are tested each time.
const bmpKinds = new Uint8Array(0x10000);

/** Splits normalised text into runs of Chinese characters and runs of other letters/digits. */
export function splitRuns(normalized: string): Run[] {
  const runs: Run[] = [];
  let kind = SEPARATOR;
  let start = 0;
  for (let i = 0; i < normalized.length; i++) {
    const code = normalized.charCodeAt(i);
    const pair = isHighSurrogate(code) && isLowSurrogate(normalized.charCodeAt(i + 1));
    const next = pair ? kindOf(normalized.slice(i, i + 2)) : bmpKinds[code] || (bmpKinds[code] = kindOf(normalized[i]));
    if (next !== kind) {
      if (kind !== SEPARATOR) runs.push({ kind: kind === HAN_KIND ? 'han' : 'alnum', text: normalized.slice(start, i) });
      kind = next;
      start = i;
    }
    if (pair) i++;
  }
  if (kind !== SEPARATOR) runs.push({ kind: kind === HAN_KIND ? 'han' : 'alnum', text: normalized.slice(start) });
  return runs;
}
