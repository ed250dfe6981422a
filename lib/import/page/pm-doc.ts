/**
 * The subset of ProseMirror JSON the importer produces, using Tiptap 3 StarterKit node
 * and mark names so the editor loads it without conversion.
 */

export type PmBoldMark = { type: 'bold' };

export type PmText = { type: 'text'; text: string; marks?: PmBoldMark[] };

/** `content` is omitted for an empty paragraph (ProseMirror forbids empty text nodes). */
export type PmParagraph = { type: 'paragraph'; content?: PmText[] };

export type PmHeading = { type: 'heading'; attrs: { level: 2 | 3 }; content?: PmText[] };

/** StarterKit's listItem content is `paragraph block*`: the first child is a paragraph. */
export type PmListItem = { type: 'listItem'; content: [PmParagraph, ...PmBlock[]] };

export type PmOrderedList = { type: 'orderedList'; attrs: { start: number }; content: PmListItem[] };

export type PmBulletList = { type: 'bulletList'; content: PmListItem[] };

export type PmBlock = PmParagraph | PmHeading | PmOrderedList | PmBulletList;

export type PmDoc = { type: 'doc'; content: PmBlock[] };

export function paragraph(content: PmText[]): PmParagraph {
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

export function heading(level: 2 | 3, content: PmText[]): PmHeading {
  return content.length > 0 ? { type: 'heading', attrs: { level }, content } : { type: 'heading', attrs: { level } };
}

/** Plain text of inline content, marks dropped. */
export function inlineText(content: PmText[] | undefined): string {
  return (content ?? []).map((node) => node.text).join('');
}

/** First paragraph in document order (depth-first), e.g. for a summary. */
export function findFirstParagraph(blocks: PmBlock[]): PmParagraph | undefined {
  for (const block of blocks) {
    if (block.type === 'paragraph' && inlineText(block.content).trim() !== '') return block;
    if (block.type === 'orderedList' || block.type === 'bulletList') {
      for (const item of block.content) {
        const found = findFirstParagraph(item.content);
        if (found) return found;
      }
    }
  }
  return undefined;
}
