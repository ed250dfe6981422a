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

export function normalizeText(text: string): string {
  let out = '';
  for (const char of text) out += normalizeChar(char);
  return out;
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

/** Splits normalised text into runs of Chinese characters and runs of other letters/digits. */
export function splitRuns(normalized: string): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  for (const char of normalized) {
    const kind = isHan(char) ? 'han' : isWordChar(char) ? 'alnum' : null;
    if (kind === null) {
      current = null;
      continue;
    }
    if (current && current.kind === kind) current.text += char;
    else {
      current = { kind, text: char };
      runs.push(current);
    }
  }
  return runs;
}
