import { isHan, normalizeText } from './normalize';
import { readQueryText } from './query-text';
import { hanBigrams, queryWords } from './tokenize';

// A search query: trimmed, normalised (as documents are), split on whitespace into terms that
// are all required. Each term is cut into words (jieba); each word, or the whole term, that is
// in a synonym group stands for any member of its group. The tsquery is built from lexemes only,
// each quoted, so nothing a user types can become tsquery syntax.

const MAX_TERMS = 8;

/** Synonym groups keyed by each normalised member. */
export type SynonymIndex = ReadonlyMap<string, readonly string[]>;

/** One required unit: any of the alternatives, each of which needs all of its words. */
export type QueryUnit = { alternatives: string[][] };

export type ParsedQuery = {
  /** The normalised query text (the cache key). */
  text: string;
  units: QueryUnit[];
  /** Every word the query can match, for highlighting. */
  needles: string[];
};

/** The query's terms: read as every search box's text is (./query-text.ts), normalised, split on whitespace, at most 8, empty ones dropped. */
export function queryTerms(raw: string): string[] {
  const normalized = normalizeText(readQueryText(raw).text).trim();
  if (!normalized) return [];
  // A term of punctuation only (e.g. "&|!") matches nothing and is dropped.
  return normalized
    .split(/\s+/u)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .slice(0, MAX_TERMS);
}

export function buildSynonymIndex(groups: readonly (readonly string[])[]): SynonymIndex {
  const index = new Map<string, string[]>();
  for (const group of groups) {
    const members = [...new Set(group.map((t) => normalizeText(t).trim()).filter(Boolean))];
    if (members.length < 2) continue;
    for (const member of members) index.set(member, [...new Set([...(index.get(member) ?? []), ...members])]);
  }
  return index;
}

function unitFor(word: string, synonyms: SynonymIndex): QueryUnit {
  const members = synonyms.get(word) ?? [word];
  return { alternatives: members.map((m) => (m === word ? [word] : queryWords(m))).filter((a) => a.length > 0) };
}

export function parseQuery(raw: string, synonyms: SynonymIndex = new Map()): ParsedQuery | null {
  const terms = queryTerms(raw);
  if (terms.length === 0) return null;
  const units: QueryUnit[] = [];
  for (const term of terms) {
    if (synonyms.has(term)) units.push(unitFor(term, synonyms));
    else for (const word of queryWords(term)) units.push(unitFor(word, synonyms));
  }
  // The whole terms too: where a term is written as typed, it is highlighted as one.
  const needles = [...new Set([...terms, ...units.flatMap((u) => u.alternatives.flat())])];
  return { text: terms.join(' '), units, needles };
}

function quote(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The tsquery of one word; `weight` 'A' restricts it to titles. */
function wordQuery(word: string, weight: '' | 'A'): string {
  const chars = [...word];
  const w = weight;
  if (chars.length === 1 || !isHan(chars[0]) || !chars.every(isHan)) {
    // One character, or letters/digits: a prefix (药 → 药x bigrams and a run-final 药).
    if (chars.some(isHan) && chars.length > 1) {
      // Mixed text such as "2025年" was split into runs by queryWords; treat what is left as a phrase of bigrams.
      return `(${hanBigrams(word)
        .map((g) => `${quote(g)}${w ? `:${w}` : ''}`)
        .join(' & ')})`;
    }
    return `${quote(word)}:*${w}`;
  }
  if (chars.length === 2) return `${quote(word)}${w ? `:${w}` : ''}`;
  // The word itself (a stored jieba word ranks higher), or all of its bigrams.
  const grams = hanBigrams(word)
    .map((g) => `${quote(g)}${w ? `:${w}` : ''}`)
    .join(' & ');
  return `(${quote(word)}${w ? `:${w}` : ''} | ${grams})`;
}

/** The tsquery text of a parsed query (cast with ::tsquery, never to_tsquery). */
export function toTsquery(query: ParsedQuery, weight: '' | 'A' = ''): string {
  return query.units
    .map((unit) => `(${unit.alternatives.map((words) => `(${words.map((word) => wordQuery(word, weight)).join(' & ')})`).join(' | ')})`)
    .join(' & ');
}
