import type { PmText } from './pm-doc';
import { isLongerThan } from './tidy-text';

/**
 * The scraper rendered `<strong>年缴制</strong>` as ` 年缴制 `: a bold phrase is a
 * space-delimited piece of Chinese text. Two shapes occur:
 *   - inside a line: `采用 年缴制 ,即每年…`           (spaces on both sides)
 *   - at the start of a line/list item: `连续中断不超过3个月 :可恢复…` (the opening
 *     space merged with the indentation; the closing one is followed by punctuation)
 * A piece with no Han character (`iOS`, `2025`, `Hello World`) is never bold, and nor is
 * a piece whose neighbour touches it with a Latin letter or digit: that is the spacing
 * some writers put between Chinese and Latin text (`支持 iOS 和 Android 系统`).
 */

const HAN = /\p{Script=Han}/u;
const LATIN_OR_DIGIT = /[A-Za-z0-9]/;

// Bold phrases are short labels; a long space-delimited run is flattened text, not <strong>.
const MAX_BOLD_LENGTH = 40;

// Text that continues a clause: a piece starting with it is the tail after a bold phrase.
const CLAUSE_CONTINUATION = /^[,，:：;；。、!！?？)）\]】》”’]/u;

export function toInlineNodes(text: string): PmText[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  // Most lines have no space at all: one piece, never bold (bold needs a neighbour).
  if (!trimmed.includes(' ')) return [textNode(trimmed, false)];
  const pieces = trimmed.split(/ +/);
  const boldFlags = boldFlagsFor(pieces);

  // Neighbouring pieces of the same kind keep one space between them; the space between
  // a bold and a plain piece was only the scraper's padding and is dropped.
  const nodes: PmText[] = [];
  let runStart = 0;
  for (let index = 1; index <= pieces.length; index += 1) {
    if (index === pieces.length || boldFlags[index] !== boldFlags[runStart]) {
      nodes.push(textNode(pieces.slice(runStart, index).join(' '), boldFlags[runStart]));
      runStart = index;
    }
  }
  return nodes;
}

function boldFlagsFor(pieces: string[]): boolean[] {
  const last = pieces.length - 1;
  const flags = pieces.map((_, index) => index > 0 && index < last && isInteriorCandidate(pieces, index));
  // Between two bold phrases the connecting word is padded too (`分为 门诊 和 住院 两类`),
  // so in a run of padded pieces every other one is bold, starting with the first.
  let runStart = -1;
  flags.forEach((candidate, index) => {
    if (!candidate) {
      runStart = -1;
      return;
    }
    if (runStart === -1) runStart = index;
    flags[index] = (index - runStart) % 2 === 0;
  });
  if (last >= 1 && isLeadingLabel(pieces)) flags[0] = true;
  return flags;
}

function isInteriorCandidate(pieces: string[], index: number): boolean {
  return looksLikePhrase(pieces[index]) && !LATIN_OR_DIGIT.test(pieces[index - 1].slice(-1)) && !LATIN_OR_DIGIT.test(pieces[index + 1][0]);
}

function isLeadingLabel(pieces: string[]): boolean {
  return looksLikePhrase(pieces[0]) && CLAUSE_CONTINUATION.test(pieces[1]);
}

function looksLikePhrase(piece: string): boolean {
  return HAN.test(piece) && !CLAUSE_CONTINUATION.test(piece) && !isLongerThan(piece, MAX_BOLD_LENGTH);
}

function textNode(text: string, bold: boolean): PmText {
  return bold ? { type: 'text', text, marks: [{ type: 'bold' }] } : { type: 'text', text };
}
