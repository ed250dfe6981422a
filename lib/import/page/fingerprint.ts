import { createHash } from 'node:crypto';

import { normalizeLines } from './normalize-lines';

const SOURCE_KEY_LENGTH = 32;

/**
 * Identity of a page across re-scrapes: the question (title) is what stays stable, while
 * body, items and even punctuation style change between scrapes. Width (ＡＢＣ１２３ vs
 * ABC123, ， vs ,), case, whitespace, punctuation and invisible characters are ignored,
 * so `居民医保只能一年一交吗?` and `居民医保 只能一年一交吗？` share a key.
 * 128 bits of sha256 is far beyond collision range for any realistic archive.
 */
export function sourceKeyForTitle(title: string): string {
  return sha256(titleIdentity(title)).slice(0, SOURCE_KEY_LENGTH);
}

/** The normalised form the key is hashed from (exported for diagnostics and tests). */
export function titleIdentity(title: string): string {
  const folded = title.normalize('NFKC').toLowerCase();
  const identity = folded.replace(/[\s\p{P}\p{Cf}]/gu, '');
  // A title made only of punctuation would otherwise collapse to '' and collide with
  // every other such title; keep its folded form instead.
  return identity === '' ? folded.trim() : identity;
}

/**
 * Hash of a page's text, to tell "unchanged" from "updated" on re-import. Line endings,
 * tabs and trailing blanks are normalised first, so a CRLF copy of the same page matches.
 */
export function contentHash(text: string): string {
  return sha256(normalizeLines(text));
}

/**
 * What "unchanged" is judged on: the page's text and the parse options that shape the article,
 * so re-importing a page with punctuation normalisation turned off is an update, not a no-op.
 * With the default options it is contentHash(text), so hashes stored earlier stay valid.
 */
export function importHash(text: string, options: { normalizePunctuation: boolean }): string {
  const hash = contentHash(text);
  return options.normalizePunctuation ? hash : sha256(`${hash}\nnormalizePunctuation=false`);
}

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
