import { getSchema } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';

import { validateBodyDoc } from './body-schema';
import { bodyExtensions } from './extensions';
import { sanitizeBodyDoc } from './sanitize-body';
import { importerStyleDoc } from '@/tests/fixtures/content/documents';
import { seededRandom } from '@/tests/fixtures/seeded-random';

const editorSchema = getSchema(bodyExtensions);

function junkGenerator(seed: number) {
  const types = ['doc', 'paragraph', 'heading', 'text', 'listItem', 'bulletList', 'orderedList', 'blockquote', 'hardBreak', 'horizontalRule', 'iframe', 'bold'];
  const random = seededRandom(seed);
  const junk = (depth: number): unknown => {
    const node: Record<string, unknown> = { type: types[random(types.length)] };
    if (random(2) === 0) node.text = random(4) === 0 ? '' : '字';
    if (random(3) === 0) node.attrs = { level: random(7), start: random(5) - 1 };
    if (random(3) === 0) node.marks = [{ type: 'bold' }, { type: 'link', attrs: { href: random(2) ? '/a' : 'x:y' } }, { type: 'bold' }];
    if (depth < 7) node.content = Array.from({ length: random(4) }, () => junk(depth + 1));
    return node;
  };
  return junk;
}

describe('sanitizeBodyDoc', () => {
  it('returns a valid body unchanged', () => {
    expect(sanitizeBodyDoc(importerStyleDoc())).toEqual(importerStyleDoc());
  });

  it('always yields a document the editor schema accepts and bodyDocSchema validates', () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const clean = sanitizeBodyDoc(junkGenerator(seed)(0));
      if (clean.content.length === 0) {
        continue;
      }
      expect(() => Node.fromJSON(editorSchema, clean).check()).not.toThrow();
      expect(validateBodyDoc(clean)).toMatchObject({ ok: true });
    }
  });

  it('wraps loose inline content and repairs list items', () => {
    expect(
      sanitizeBodyDoc({
        type: 'doc',
        content: [
          { type: 'text', text: '散' },
          { type: 'hardBreak' },
          { type: 'text', text: '文' },
          {
            type: 'bulletList',
            content: [
              { type: 'text', text: '项' },
              { type: 'listItem', content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '题' }] }] },
              { type: 'listItem', content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] }] },
              { type: 'listItem', content: [] },
            ],
          },
        ],
      }),
    ).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: '散' }, { type: 'hardBreak' }, { type: 'text', text: '文' }] },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '项' }] }] },
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '题' }] }] },
            {
              type: 'listItem',
              content: [{ type: 'paragraph' }, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] }],
            },
          ],
        },
      ],
    });
  });

  it('drops NUL characters, empty text and duplicate marks', () => {
    expect(
      sanitizeBodyDoc({
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: '\u0000' },
              { type: 'text', text: 'a\u0000b', marks: [{ type: 'bold' }, { type: 'bold' }, { type: 'italic' }] },
            ],
          },
        ],
      }),
    ).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'ab', marks: [{ type: 'bold' }, { type: 'italic' }] }] }],
    });
  });

  it('builds new nodes and leaves its input untouched', () => {
    const input = importerStyleDoc();
    const copy = structuredClone(input);
    const clean = sanitizeBodyDoc(input);
    expect(input).toEqual(copy);
    expect(clean.content[0]).not.toBe(input.content[0]);
    (clean.content[0] as { content?: unknown[] }).content?.push({ type: 'hardBreak' });
    expect(input).toEqual(copy);
  });

  it('stops at a node budget on huge input', () => {
    const content = Array.from({ length: 100_000 }, () => ({ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }));
    const clean = sanitizeBodyDoc({ type: 'doc', content });
    expect(clean.content.length).toBeGreaterThan(0);
    expect(clean.content.length).toBeLessThan(100_000);
  });
});
