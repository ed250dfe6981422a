import { toInlineNodes } from './inline-marks';
import type { PmBlock, PmBulletList, PmDoc, PmListItem, PmOrderedList, PmText } from './pm-doc';
import { heading, paragraph } from './pm-doc';
import { isLongerThan } from './tidy-text';

/**
 * Body lines → ProseMirror blocks. The scraper encodes structure by indentation only,
 * and the seeds disagree on details, so nesting is decided by comparing indents rather
 * than by fixed column numbers:
 *   - `一、…` (and `（一）…`) at column 0 are section headings and close any open list.
 *   - `1. …` / `• …` start list items; a deeper marker nests inside the previous item.
 *   - A bullet at the same indent as a numbered item belongs to that item (seed 001:
 *     `  3. 补救措施与建议` followed by `  • 及时补缴…`).
 *   - An indented plain line belongs to the nearest open item whose marker is less
 *     indented (seeds 000/003: `  1. 缴费周期` then `    居民医保通常采用…`).
 *   - A plain line at column 0 is a top-level paragraph and closes any open list.
 *   - Blank lines separate nothing: seeds put them between list items at will.
 * Each non-blank plain line is its own paragraph (the scraper emits one line per <p>).
 */

export type TextTransform = (text: string) => string;

type ListKind = 'ordered' | 'bullet';

export type BodyLine =
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'ordered'; indent: number; start: number; text: string }
  | { kind: 'bullet'; indent: number; text: string }
  | { kind: 'paragraph'; indent: number; text: string };

type OpenList = { kind: ListKind; indent: number; list: PmOrderedList | PmBulletList };

// Real section heads are short; a long line starting with 一、 is prose.
const MAX_HEADING_LENGTH = 50;
const SECTION_HEAD = /^[一二三四五六七八九十]{1,3}[、.．]\s*\S/u;
const SUBSECTION_HEAD = /^[（(][一二三四五六七八九十]{1,3}[）)]\s*\S/u;
// 1. / 1、/ 1) — but not 1.5万 (a decimal) and not 2025年 (no marker).
const ORDERED_MARKER = /^(\d{1,3})(?:[.．](?!\d)|、|[)）])\s*/u;
// Typographic bullets may touch the text; ASCII ones need a space (-5 is a number).
const BULLET_MARKER = /^(?:[•●○◦▪■◆◇]\s*|[·\-*+]\s+)/u;

export function classifyLine(line: string): BodyLine | null {
  const { indent, length } = measureIndent(line);
  const text = line.slice(length).trimEnd();
  if (text === '') return null;

  if (indent === 0) {
    const level = SECTION_HEAD.test(text) ? 2 : SUBSECTION_HEAD.test(text) ? 3 : null;
    if (level !== null && !isLongerThan(text, MAX_HEADING_LENGTH)) return { kind: 'heading', level, text };
  }
  const ordered = ORDERED_MARKER.exec(text);
  if (ordered) {
    return { kind: 'ordered', indent, start: Number(ordered[1]), text: text.slice(ordered[0].length) };
  }
  const bullet = BULLET_MARKER.exec(text);
  if (bullet) return { kind: 'bullet', indent, text: text.slice(bullet[0].length) };
  return { kind: 'paragraph', indent, text };
}

// The leading spaces: their width (an ideographic space is as wide as two ASCII ones) and
// their length in the string.
function measureIndent(line: string): { indent: number; length: number } {
  let indent = 0;
  let length = 0;
  for (; length < line.length; length += 1) {
    const ch = line[length];
    if (ch === ' ') indent += 1;
    else if (ch === '\u3000') indent += 2;
    else break;
  }
  return { indent, length };
}

export function buildBody(lines: string[], transform: TextTransform): PmDoc {
  const blocks: PmBlock[] = [];
  const open: OpenList[] = [];
  const inline = (text: string): PmText[] => toInlineNodes(transform(text));

  for (const raw of lines) {
    const line = classifyLine(raw);
    if (!line) continue;
    switch (line.kind) {
      case 'heading':
        open.length = 0;
        blocks.push(heading(line.level, inline(line.text)));
        break;
      case 'paragraph':
        addParagraph(blocks, open, line.indent, inline(line.text));
        break;
      case 'ordered':
      case 'bullet':
        addListItem(blocks, open, line, inline(line.text));
        break;
    }
  }
  return { type: 'doc', content: blocks };
}

function addParagraph(blocks: PmBlock[], open: OpenList[], indent: number, content: PmText[]): void {
  while (open.length > 0 && (indent === 0 || lastOf(open).indent >= indent)) open.pop();
  const owner = open.at(-1);
  if (owner) lastItem(owner).content.push(paragraph(content));
  else blocks.push(paragraph(content));
}

function addListItem(blocks: PmBlock[], open: OpenList[], line: Extract<BodyLine, { kind: ListKind }>, content: PmText[]): void {
  while (open.length > 0) {
    const top = lastOf(open);
    const deeper = top.indent > line.indent;
    // A numbered item ends a bullet run at its own indent (the bullets were nested in
    // the previous numbered item, or were a list of their own).
    const bulletsEndedByNumber = top.indent === line.indent && top.kind === 'bullet' && line.kind === 'ordered';
    if (!deeper && !bulletsEndedByNumber) break;
    open.pop();
  }

  const item: PmListItem = { type: 'listItem', content: [paragraph(content)] };
  const top = open.at(-1);
  if (top && top.indent === line.indent && top.kind === line.kind) {
    top.list.content.push(item);
    return;
  }
  const list: PmOrderedList | PmBulletList =
    line.kind === 'ordered' ? { type: 'orderedList', attrs: { start: line.start }, content: [item] } : { type: 'bulletList', content: [item] };
  if (top) lastItem(top).content.push(list);
  else blocks.push(list);
  open.push({ kind: line.kind, indent: line.indent, list });
}

function lastOf(open: OpenList[]): OpenList {
  return open[open.length - 1];
}

function lastItem(list: OpenList): PmListItem {
  return list.list.content[list.list.content.length - 1];
}
