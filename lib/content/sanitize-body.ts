// Turns any value into a well-formed body document, dropping what is not allow-listed. The
// renderer and the plain-text extractor run on its output, so they never depend on the input
// having passed `bodyDocSchema` (rows written by older code, scripts or a bug stay harmless).
import { MAX_BODY_DEPTH, MAX_BODY_NODES } from './body-limits';
import type { BodyBlock, BodyDoc, BodyHeading, BodyInline, BodyListItem, BodyMark, BodyParagraph, OrderedListStyle } from './body-types';
import { ORDERED_LIST_STYLES } from './body-types';
import { isAllowedHref } from './link-href';

// The validator's limits (./body-limits.ts), so a body it accepted comes out whole. The walk below
// is recursive only down to MAX_BODY_DEPTH: below that, nodes are flattened to their text by a
// loop, and past MAX_BODY_NODES visited nodes the rest is dropped, so no input, however deep or
// large, exhausts the stack or the CPU.
const MAX_LIST_START = 1_000_000;

type Walk = { remaining: number };

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function childrenOf(node: JsonRecord): unknown[] {
  return Array.isArray(node.content) ? node.content : [];
}

/** Counts one visited node; false once the budget is spent, after which input is ignored. */
function visit(walk: Walk): boolean {
  if (walk.remaining <= 0) {
    return false;
  }
  walk.remaining -= 1;
  return true;
}

export function sanitizeBodyDoc(input: unknown): BodyDoc {
  const walk: Walk = { remaining: MAX_BODY_NODES };
  let roots: unknown[];
  if (Array.isArray(input)) {
    roots = input;
  } else if (isRecord(input) && input.type === 'doc') {
    roots = childrenOf(input);
  } else if (isRecord(input)) {
    roots = [input];
  } else {
    roots = [];
  }
  return { type: 'doc', content: toBlocks(roots, 1, walk) };
}

function toBlocks(items: unknown[], depth: number, walk: Walk): BodyBlock[] {
  if (depth > MAX_BODY_DEPTH) {
    return flattenToParagraph(items, walk);
  }
  const blocks: BodyBlock[] = [];
  let pending: BodyInline[] = [];
  // Inline nodes found where blocks belong are gathered into one paragraph, as ProseMirror does.
  const flush = (): void => {
    if (pending.length > 0) {
      blocks.push({ type: 'paragraph', content: pending });
      pending = [];
    }
  };

  for (const item of items) {
    if (!visit(walk)) {
      break;
    }
    if (!isRecord(item)) {
      continue;
    }
    const children = childrenOf(item);
    switch (item.type) {
      case 'text':
      case 'hardBreak':
        appendInline(pending, item, depth, walk);
        break;
      case 'paragraph': {
        flush();
        blocks.push(withInline<BodyParagraph>({ type: 'paragraph' }, toInline(children, depth + 1, walk)));
        break;
      }
      case 'heading': {
        flush();
        const level = isRecord(item.attrs) ? item.attrs.level : undefined;
        blocks.push(
          withInline<BodyHeading>({ type: 'heading', attrs: { level: typeof level === 'number' && level >= 3 ? 3 : 2 } }, toInline(children, depth + 1, walk)),
        );
        break;
      }
      case 'bulletList': {
        flush();
        const listItems = toListItems(children, depth + 1, walk);
        if (listItems.length > 0) {
          blocks.push({ type: 'bulletList', content: listItems });
        }
        break;
      }
      case 'orderedList': {
        flush();
        const listItems = toListItems(children, depth + 1, walk);
        if (listItems.length > 0) {
          blocks.push({ type: 'orderedList', attrs: orderedListAttrs(item.attrs), content: listItems });
        }
        break;
      }
      case 'blockquote': {
        flush();
        const inner = toBlocks(children, depth + 1, walk);
        if (inner.length > 0) {
          blocks.push({ type: 'blockquote', content: inner });
        }
        break;
      }
      case 'horizontalRule':
        flush();
        blocks.push({ type: 'horizontalRule' });
        break;
      default:
        // A stray listItem, a nested doc or an unknown node: its own markup and attributes are
        // dropped, what it contains is kept (unknown leaf nodes such as an "htmlBlock" vanish).
        flush();
        blocks.push(...toBlocks(children, depth + 1, walk));
        break;
    }
  }
  flush();
  return blocks;
}

/** Callers pass a node literal they have just created, so it is completed in place, not copied. */
function withInline<T extends { content?: BodyInline[] }>(node: T, content: BodyInline[]): T {
  if (content.length > 0) node.content = content;
  return node;
}

function orderedListAttrs(attrs: unknown): { start: number; type?: OrderedListStyle } {
  const source = isRecord(attrs) ? attrs : {};
  const start =
    typeof source.start === 'number' && Number.isSafeInteger(source.start) && source.start >= 0 && source.start <= MAX_LIST_START ? source.start : 1;
  const style = ORDERED_LIST_STYLES.find((candidate) => candidate === source.type);
  return style ? { start, type: style } : { start };
}

function toListItems(items: unknown[], depth: number, walk: Walk): BodyListItem[] {
  const listItems: BodyListItem[] = [];
  for (const item of items) {
    if (!isRecord(item)) {
      continue;
    }
    let blocks: BodyBlock[];
    if (item.type === 'listItem') {
      if (!visit(walk)) {
        break;
      }
      blocks = toBlocks(childrenOf(item), depth + 1, walk);
    } else {
      // Anything else in a list becomes the content of an item, so no text is lost.
      blocks = toBlocks([item], depth + 1, walk);
    }
    if (blocks.length > 0) {
      listItems.push({ type: 'listItem', content: withLeadingParagraph(blocks) });
    }
  }
  return listItems;
}

/** ProseMirror's listItem content is "paragraph block*". */
function withLeadingParagraph(blocks: BodyBlock[]): BodyBlock[] {
  const [first, ...rest] = blocks;
  if (first?.type === 'paragraph') {
    return blocks;
  }
  if (first?.type === 'heading') {
    const paragraph: BodyParagraph = first.content ? { type: 'paragraph', content: first.content } : { type: 'paragraph' };
    return [paragraph, ...rest];
  }
  return [{ type: 'paragraph' }, ...blocks];
}

function toInline(items: unknown[], depth: number, walk: Walk): BodyInline[] {
  if (depth > MAX_BODY_DEPTH) {
    return flattenToInline(items, walk);
  }
  const inline: BodyInline[] = [];
  for (const item of items) {
    if (!visit(walk)) {
      break;
    }
    if (isRecord(item)) {
      appendInline(inline, item, depth, walk);
    }
  }
  return inline;
}

/**
 * Converts one node met in inline position and appends the result to `out` (appending, not
 * returning arrays to spread: bodies are sanitised on every save and import). The caller has
 * already counted the node.
 */
function appendInline(out: BodyInline[], item: JsonRecord, depth: number, walk: Walk): void {
  if (item.type === 'text') {
    const text = typeof item.text === 'string' ? cleanText(item.text) : '';
    if (text === '') {
      return;
    }
    const marks = sanitizeMarks(item.marks);
    out.push(marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text });
    return;
  }
  if (item.type === 'hardBreak') {
    out.push({ type: 'hardBreak' });
    return;
  }
  // A block or unknown node inside a paragraph: keep its text, drop its structure.
  out.push(...toInline(childrenOf(item), depth + 1, walk));
}

// NUL cannot be stored in PostgreSQL jsonb and has no meaning in HTML.
function cleanText(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

function sanitizeMarks(value: unknown): BodyMark[] {
  if (!Array.isArray(value)) {
    return [];
  }
  const marks: BodyMark[] = [];
  const seen = new Set<string>();
  for (const mark of value.slice(0, 16)) {
    if (!isRecord(mark) || typeof mark.type !== 'string' || seen.has(mark.type)) {
      continue;
    }
    if (mark.type === 'bold' || mark.type === 'italic') {
      marks.push({ type: mark.type });
      seen.add(mark.type);
    } else if (mark.type === 'link') {
      const href = isRecord(mark.attrs) ? mark.attrs.href : undefined;
      // An unsafe link keeps its text and loses the link.
      if (isAllowedHref(href)) {
        marks.push({ type: 'link', attrs: { href } });
        seen.add(mark.type);
      }
    }
  }
  return marks;
}

/** Past the depth limit, structure is given up and only the text is kept, without recursion. */
function flattenToInline(items: unknown[], walk: Walk): BodyInline[] {
  const parts: string[] = [];
  const stack: unknown[] = [...items].reverse();
  while (stack.length > 0 && visit(walk)) {
    const item = stack.pop();
    if (!isRecord(item)) {
      continue;
    }
    if (item.type === 'text' && typeof item.text === 'string') {
      parts.push(cleanText(item.text));
    }
    const children = childrenOf(item);
    for (let index = children.length - 1; index >= 0; index -= 1) {
      stack.push(children[index]);
    }
  }
  const text = parts.join('');
  return text === '' ? [] : [{ type: 'text', text }];
}

function flattenToParagraph(items: unknown[], walk: Walk): BodyBlock[] {
  const content = flattenToInline(items, walk);
  return content.length > 0 ? [{ type: 'paragraph', content }] : [];
}
