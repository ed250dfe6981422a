// Plain text of a body for search indexing and summaries. Isomorphic; runs on the sanitized doc,
// so it accepts any stored value and never surfaces text from dropped (unknown) leaf nodes.
import type { BodyBlock, BodyInline } from './body-types';
import { sanitizeBodyDoc } from './sanitize-body';

/**
 * One line per paragraph, heading or list-item paragraph ("\n" between blocks, hard breaks kept
 * as "\n"); empty blocks are skipped and no list markers are added.
 */
export function bodyPlainText(doc: unknown): string {
  const lines: string[] = [];
  collectBlocks(sanitizeBodyDoc(doc).content, lines);
  return lines.join('\n');
}

function collectBlocks(blocks: BodyBlock[], lines: string[]): void {
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
      case 'heading': {
        const text = inlineText(block.content ?? []);
        if (text.trim() !== '') {
          lines.push(text);
        }
        break;
      }
      case 'bulletList':
      case 'orderedList':
        for (const item of block.content) {
          collectBlocks(item.content, lines);
        }
        break;
      case 'blockquote':
        collectBlocks(block.content, lines);
        break;
      case 'horizontalRule':
        break;
      default:
        assertNever(block);
    }
  }
}

function inlineText(nodes: BodyInline[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.text : '\n')).join('');
}

function assertNever(value: never): never {
  throw new Error(`Unhandled body block: ${JSON.stringify(value)}`);
}
