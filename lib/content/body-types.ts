// The stored article body: ProseMirror JSON restricted to the nodes and marks of
// `bodyExtensions`. Both the zod schema (body-schema.ts) and the sanitizer (sanitize-body.ts)
// produce exactly these shapes.

export const ORDERED_LIST_STYLES = ['1', 'a', 'A', 'i', 'I'] as const;
export type OrderedListStyle = (typeof ORDERED_LIST_STYLES)[number];

export type BodyBoldMark = { type: 'bold' };
export type BodyItalicMark = { type: 'italic' };
export type BodyLinkMark = { type: 'link'; attrs: { href: string } };
export type BodyMark = BodyBoldMark | BodyItalicMark | BodyLinkMark;

export type BodyText = { type: 'text'; text: string; marks?: BodyMark[] };
export type BodyHardBreak = { type: 'hardBreak'; marks?: BodyMark[] };
export type BodyInline = BodyText | BodyHardBreak;

export type BodyParagraph = { type: 'paragraph'; content?: BodyInline[] };
export type BodyHeading = { type: 'heading'; attrs: { level: 2 | 3 }; content?: BodyInline[] };
export type BodyListItem = { type: 'listItem'; content: BodyBlock[] };
export type BodyBulletList = { type: 'bulletList'; content: BodyListItem[] };
export type BodyOrderedList = {
  type: 'orderedList';
  attrs?: { start?: number; type?: OrderedListStyle | null };
  content: BodyListItem[];
};
export type BodyBlockquote = { type: 'blockquote'; content: BodyBlock[] };
export type BodyHorizontalRule = { type: 'horizontalRule' };

export type BodyBlock = BodyParagraph | BodyHeading | BodyBulletList | BodyOrderedList | BodyBlockquote | BodyHorizontalRule;

export type BodyDoc = { type: 'doc'; content: BodyBlock[] };

/** A document with one empty paragraph: what the editor shows for a new article. */
export function emptyDoc(): BodyDoc {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}
