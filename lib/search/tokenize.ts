import { getSegmenter } from '@/lib/content/segmenter';
import { isHan, normalizeText, splitRuns } from './normalize';

// The segmentation behind both the stored vectors and the queries (PostgreSQL has no Chinese
// parser here: ../shared/PLATFORM.md "Chinese search"). A field's lexemes are
//  - CJK bigrams of each run of Chinese characters, and the run's last character alone (so a
//    one-character query is a prefix lookup `x:*` that finds every occurrence, a two-character
//    query one selective lexeme, and any longer text all of its bigrams);
//  - in a title only, jieba's words of three or more characters (search mode, with our insurance
//    dictionary): ranking reads the title's vector, where a title holding the query as a word
//    outranks one that only holds its characters. A longer query word is matched as the word OR
//    all of its bigrams (lib/search/parse-query.ts), and a text holding the word holds its
//    bigrams, so words in a summary or body would find nothing more; segmenting bodies took
//    three quarters of the import's time for search lexemes;
//  - runs of other letters and digits (2025, icp) as they are.

// The segmenter is the process's shared one (lib/content/segmenter.ts), built on first use.

const MAX_LEXEME_CHARS = 64;

export function hanBigrams(run: string): string[] {
  const chars = [...run];
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i] + chars[i + 1]);
  return grams;
}

const SURROGATE = /[\ud800-\udfff]/;

/** Which field a text is: a title's lexemes include jieba's words (see above). */
export type FieldKind = 'title' | 'text';

/** The distinct lexemes of one field, in order of first occurrence (a Set iterates in insertion order). */
export function fieldLexemeSet(text: string, kind: FieldKind): Set<string> {
  const out = new Set<string>();
  for (const run of splitRuns(normalizeText(text))) {
    const runText = run.text;
    if (run.kind === 'alnum') {
      // A code point is one or two units: a run of at most MAX_LEXEME_CHARS units is never cut.
      out.add(runText.length <= MAX_LEXEME_CHARS ? runText : [...runText].slice(0, MAX_LEXEME_CHARS).join(''));
      continue;
    }
    // Bigrams and the last character. Most runs are BMP ideographs, one UTF-16 unit each; astral
    // ones (𠀀) hold surrogate pairs and are split into characters.
    const astral = SURROGATE.test(runText);
    let charCount = runText.length;
    if (!astral) {
      for (let i = 0; i + 1 < charCount; i++) out.add(runText.slice(i, i + 2));
      out.add(runText[charCount - 1]);
    } else {
      const chars = [...runText];
      charCount = chars.length;
      for (let i = 0; i + 1 < charCount; i++) out.add(chars[i] + chars[i + 1]);
      out.add(chars[charCount - 1]);
    }
    if (kind === 'title' && charCount >= 3) {
      for (const word of getSegmenter().cutForSearch(runText, false)) {
        // A character is one or two units, so a word of under 3 units is short; jieba's words
        // are slices of the run, so in a run without surrogates a unit is a character.
        if (word.length < 3) continue;
        const wordLength = astral ? [...word].length : word.length;
        if (wordLength >= 3 && wordLength <= MAX_LEXEME_CHARS) out.add(word);
      }
    }
  }
  return out;
}

/** The distinct lexemes of one field, in order of first occurrence. */
export function fieldLexemes(text: string, kind: FieldKind): string[] {
  return [...fieldLexemeSet(text, kind)];
}

// Function words that say nothing about what a page is about.
const fillers = new Set(['的', '了', '和', '与', '及', '或', '吗', '呢', '吧', '啊', '是', '在', '有', '也', '都', '就']);

/**
 * Words of a query term, as jieba cuts it (with our dictionary): the units a query ANDs, so
 * 居民医保缴费 finds "居民医保的缴费标准". A lone character is glued to the word after it (or the
 * one before, at the end) and matched as written (不能断 → 不能断, not 不能 alone; 失能 stays 失能),
 * except a function word (的, 和 …) among other words, which is dropped.
 */
export function queryWords(normalizedTerm: string): string[] {
  const words: string[] = [];
  for (const run of splitRuns(normalizedTerm)) {
    if (run.kind === 'alnum') {
      words.push(run.text);
      continue;
    }
    const cut = getSegmenter().cut(run.text, false);
    const hasContent = cut.some((w) => !fillers.has(w));
    let pending = '';
    const runWords: string[] = [];
    for (const word of cut) {
      if (hasContent && fillers.has(word)) {
        if (pending) runWords.push(pending);
        pending = '';
        continue;
      }
      if ([...word].length === 1) {
        pending += word;
        continue;
      }
      runWords.push(pending + word);
      pending = '';
    }
    if (pending) {
      if (runWords.length > 0 && !fillers.has(cut.at(-2) ?? '')) runWords[runWords.length - 1] += pending;
      else runWords.push(pending);
    }
    words.push(...runWords);
  }
  return words.filter((w) => w.length > 0 && (isHan([...w][0]) || /[\p{L}\p{N}]/u.test(w)));
}
