import { getSchema } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';

import { MAX_BODY_DEPTH, MAX_BODY_JSON_BYTES } from './body-limits';
import { bodyDocSchema, bodyJsonSchema, emptyDoc, parseBodyJson, validateBodyDoc } from './body-schema';
import { bodyExtensions } from './extensions';
import { importerStyleDoc, linkedText, paragraphWith } from '@/tests/fixtures/content/documents';

const editorSchema = getSchema(bodyExtensions);

function expectRejected(value: unknown, message: RegExp): void {
  const result = validateBodyDoc(value);
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error).toMatch(message);
  }
}

describe('bodyDocSchema', () => {
  it('accepts an importer-style doc unchanged', () => {
    const result = bodyDocSchema.safeParse(importerStyleDoc());
    expect(result.success).toBe(true);
    expect(result.data).toEqual(importerStyleDoc());
  });

  it('accepts what the editor schema serializes, stripping attrs it does not store', () => {
    // Node.fromJSON + toJSON gives the JSON the editor's getJSON() produces: every attr filled
    // in (link target/rel/class/title, orderedList type), in the editor's own schema.
    const editorJson = Node.fromJSON(editorSchema, {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: '小标题' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: '见', marks: [{ type: 'italic' }] },
            { type: 'text', text: '官网', marks: [{ type: 'link', attrs: { href: 'https://www.nhsa.gov.cn/' } }] },
            { type: 'hardBreak' },
          ],
        },
        { type: 'blockquote', content: [{ type: 'paragraph' }] },
        { type: 'horizontalRule' },
        ...importerStyleDoc().content,
      ],
    }).toJSON();
    expect(JSON.stringify(editorJson)).toContain('"rel":"noopener noreferrer nofollow"');

    const result = validateBodyDoc(editorJson);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(JSON.stringify(result.doc)).not.toContain('rel');
      expect(result.doc.content[1]).toEqual({
        type: 'paragraph',
        content: [
          { type: 'text', text: '见', marks: [{ type: 'italic' }] },
          { type: 'text', text: '官网', marks: [{ type: 'link', attrs: { href: 'https://www.nhsa.gov.cn/' } }] },
          { type: 'hardBreak' },
        ],
      });
    }
  });

  it('only accepts docs that the editor schema also accepts', () => {
    const result = validateBodyDoc(importerStyleDoc());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(() => Node.fromJSON(editorSchema, result.doc).check()).not.toThrow();
    }
  });

  it('normalises a doc without content to one empty paragraph', () => {
    expect(validateBodyDoc({ type: 'doc' })).toEqual({ ok: true, doc: emptyDoc() });
    expect(validateBodyDoc({ type: 'doc', content: [] })).toEqual({ ok: true, doc: emptyDoc() });
  });

  it('rejects unknown node types', () => {
    expectRejected({ type: 'doc', content: [{ type: 'iframe' }] }, /不支持的内容类型（iframe）/);
    expectRejected({ type: 'doc', content: [{ type: 'htmlBlock', attrs: { html: '<script>' } }] }, /不支持的内容类型/);
    expectRejected({ type: 'doc', content: [{ type: 'codeBlock', content: [] }] }, /不支持的内容类型/);
    expectRejected(paragraphWith({ type: 'image', attrs: { src: 'x' } }), /段落中包含不支持的内容（image）/);
    expectRejected({ type: 'doc', content: [{ type: 'text', text: 'loose' }] }, /不支持的内容类型/);
  });

  it('rejects unknown marks and bad links', () => {
    expectRejected(paragraphWith({ type: 'text', text: 'x', marks: [{ type: 'strike' }] }), /不支持的文字格式（strike）/);
    expectRejected(paragraphWith(linkedText('javascript:alert(1)')), /链接地址无效/);
    expectRejected(paragraphWith(linkedText('http://example.com')), /链接地址无效/);
    expectRejected(paragraphWith({ type: 'text', text: 'x', marks: [{ type: 'link' }] }), /正文格式无效/);
    expectRejected(paragraphWith({ type: 'text', text: 'x', marks: [{ type: 'bold' }, { type: 'bold' }] }), /格式重复/);
  });

  it('rejects bad attributes and structure', () => {
    expectRejected({ type: 'doc', content: [{ type: 'heading', attrs: { level: 1 } }] }, /标题级别/);
    expectRejected({ type: 'doc', content: [{ type: 'heading' }] }, /正文格式无效（位置：content\.0\.attrs）/);
    const item = { type: 'listItem', content: [{ type: 'paragraph' }] };
    expectRejected({ type: 'doc', content: [{ type: 'orderedList', attrs: { start: -1 }, content: [item] }] }, /正文格式无效/);
    expectRejected({ type: 'doc', content: [{ type: 'orderedList', attrs: { start: 1.5 }, content: [item] }] }, /正文格式无效/);
    expectRejected({ type: 'doc', content: [{ type: 'bulletList', content: [] }] }, /列表不能为空/);
    expectRejected({ type: 'doc', content: [{ type: 'bulletList', content: [{ type: 'paragraph' }] }] }, /只能包含列表项/);
    expectRejected(
      { type: 'doc', content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'horizontalRule' }] }] }] },
      /列表项必须以段落开头/,
    );
    expectRejected(paragraphWith({ type: 'text', text: '' }), /空的文本节点/);
    expectRejected(paragraphWith({ type: 'text', text: 'a\u0000b' }), /控制字符/);
    expectRejected(paragraphWith({ type: 'text', text: 42 }), /正文格式无效/);
    expectRejected({ type: 'paragraph' }, /doc/);
    expectRejected(null, /正文/);
    expectRejected([], /正文/);
  });

  it('rejects documents nested too deeply', () => {
    let block: Record<string, unknown> = { type: 'paragraph', content: [{ type: 'text', text: '深' }] };
    for (let index = 0; index < MAX_BODY_DEPTH; index += 1) {
      block = { type: 'blockquote', content: [block] };
    }
    expectRejected({ type: 'doc', content: [block] }, /嵌套层级过深/);
  });

  it('rejects documents too large', () => {
    const paragraphs = Array.from({ length: 400 }, () => ({
      type: 'paragraph',
      content: [{ type: 'text', text: '医'.repeat(200) }],
    }));
    expectRejected({ type: 'doc', content: paragraphs }, /正文过长/);
    const tiny = Array.from({ length: 25_000 }, () => ({ type: 'horizontalRule' }));
    expectRejected({ type: 'doc', content: tiny }, /节点/);
  });

  it('rejects cyclic values without hanging', () => {
    const attrs: Record<string, unknown> = {};
    attrs.self = attrs;
    expectRejected({ type: 'doc', content: [{ type: 'paragraph', attrs }] }, /嵌套层级过深/);
  });
});

describe('parseBodyJson', () => {
  it('parses and validates JSON text', () => {
    expect(parseBodyJson(JSON.stringify(importerStyleDoc()))).toEqual({ ok: true, doc: importerStyleDoc() });
  });

  it('reports invalid JSON in Chinese', () => {
    expect(parseBodyJson('{"type":')).toEqual({ ok: false, error: '正文格式无效：不是合法的 JSON' });
    expect(parseBodyJson('')).toMatchObject({ ok: false });
  });

  it('refuses oversized input before parsing it', () => {
    const result = parseBodyJson(' '.repeat(MAX_BODY_JSON_BYTES + 1));
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/正文过长/) });
  });

  it('reports schema errors with their location', () => {
    const result = parseBodyJson(JSON.stringify({ type: 'doc', content: [{ type: 'paragraph' }, { type: 'iframe' }] }));
    expect(result).toEqual({ ok: false, error: '正文包含不支持的内容类型（iframe）（位置：content.1.type）' });
  });
});

describe('bodyJsonSchema', () => {
  it('turns a form field into a doc or a Chinese issue', () => {
    expect(bodyJsonSchema.parse(JSON.stringify(emptyDoc()))).toEqual(emptyDoc());
    const failed = bodyJsonSchema.safeParse('not json');
    expect(failed.success).toBe(false);
    expect(failed.error?.issues[0]?.message).toBe('正文格式无效：不是合法的 JSON');
  });
});
