import { describe, expect, it } from 'vitest';
import { MAX_BODY_DEPTH, MAX_BODY_NODES, bodyLimitProblem, bodyTooDeepMessage, bodyTooLargeMessage, bodyTooManyNodesMessage } from './body-limits';
import { parseBodyJson, validateBodyDoc } from './body-schema';
import { sanitizeBodyDoc } from './sanitize-body';

// JSON text nested `levels` deep, built as text: JSON.stringify itself would overflow the stack.
const nested = (levels: number, open: string, inner: string, close: string) => open.repeat(levels) + inner + close.repeat(levels);

const deepBlockquotes = (levels: number) =>
  `{"type":"doc","content":[${nested(levels, '{"type":"blockquote","content":[', '{"type":"paragraph","content":[{"type":"text","text":"深"}]}', ']}')}]}`;

/** A valid document exactly MAX_BODY_DEPTH deep: blockquotes, then a paragraph and its text. */
function deepestValidDoc(): unknown {
  let block: unknown = { type: 'paragraph', content: [{ type: 'text', text: '深', marks: [{ type: 'link', attrs: { href: '/a/x' } }, { type: 'bold' }] }] };
  for (let depth = MAX_BODY_DEPTH - 2; depth > 0; depth -= 1) block = { type: 'blockquote', content: [block] };
  return { type: 'doc', content: [block] };
}

describe('body limits', () => {
  it('refuses a body nested 10,000 levels deep with the depth message, from JSON text or a parsed value', () => {
    // 5,000 levels of blockquotes are just under the JSON's 200 KB; a longer text is refused for its length first.
    for (const levels of [MAX_BODY_DEPTH, 100, 5_000]) expect(parseBodyJson(deepBlockquotes(levels))).toEqual({ ok: false, error: bodyTooDeepMessage });
    expect(parseBodyJson(deepBlockquotes(10_000))).toEqual({ ok: false, error: bodyTooLargeMessage });
    for (const levels of [MAX_BODY_DEPTH, 100, 10_000])
      expect(validateBodyDoc(JSON.parse(deepBlockquotes(levels)))).toEqual({ ok: false, error: bodyTooDeepMessage });
    expect(bodyTooDeepMessage).toBe('正文嵌套层级过深（最多 12 层）');
  });

  it('refuses junk nested deep outside `content` (attributes, marks, arrays), which the schema never walks but JSON.stringify would', () => {
    const attrs = `{"type":"doc","content":[{"type":"heading","attrs":${nested(10_000, '{"a":', '1', '}')},"content":[]}]}`;
    const marks = `{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[${nested(10_000, '[', '', ']')}]}]}]}`;
    const arrays = `{"type":"doc","content":${nested(10_000, '[', '', ']')}}`;
    for (const json of [attrs, marks, arrays]) {
      expect(parseBodyJson(json)).toEqual({ ok: false, error: bodyTooDeepMessage });
      expect(bodyLimitProblem(JSON.parse(json))).toBe(bodyTooDeepMessage);
    }
  });

  it('counts nodes and JSON bytes', () => {
    const nodes = (n: number) => ({ type: 'doc', content: Array.from({ length: n }, () => ({ type: 'hardBreak' })) });
    // The doc counts too.
    expect(bodyLimitProblem(nodes(MAX_BODY_NODES - 1))).not.toBe(bodyTooManyNodesMessage);
    expect(bodyLimitProblem(nodes(MAX_BODY_NODES))).toBe(bodyTooManyNodesMessage);
    expect(bodyLimitProblem({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '医'.repeat(70_000) }] }] })).toBe(
      bodyTooLargeMessage,
    );
    expect(bodyLimitProblem({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a'.repeat(190_000) }] }] })).toBeNull();
    expect(bodyLimitProblem({ type: 'doc', content: [{ type: 'paragraph', attrs: { n: 1n } }] })).toBe('正文格式无效');
  });

  it('accepts the deepest valid document, which the sanitizer keeps whole', () => {
    const doc = deepestValidDoc();
    expect(bodyLimitProblem(doc)).toBeNull();
    expect(validateBodyDoc(doc)).toEqual({ ok: true, doc });
    expect(sanitizeBodyDoc(doc)).toEqual(doc);
    // One level more is refused, and the sanitizer keeps its text.
    const deeper = { type: 'doc', content: [{ type: 'blockquote', content: (doc as { content: unknown[] }).content }] };
    expect(validateBodyDoc(deeper)).toEqual({ ok: false, error: bodyTooDeepMessage });
    expect(JSON.stringify(sanitizeBodyDoc(deeper))).toContain('深');
  });

  it('the sanitizer takes bodies thousands of levels deep without recursing into them, and keeps their text', () => {
    const clean = sanitizeBodyDoc(JSON.parse(deepBlockquotes(10_000)));
    expect(JSON.stringify(clean)).toContain('"text":"深"');
    // Two nodes a level: 5,000 levels stay within the node budget, past which the rest is dropped.
    const ofLists = JSON.parse(
      `{"type":"doc","content":[${nested(5_000, '{"type":"bulletList","content":[{"type":"listItem","content":[', '{"type":"text","text":"项"}', ']}]}')}]}`,
    );
    expect(JSON.stringify(sanitizeBodyDoc(ofLists))).toContain('"text":"项"');
  });
});
