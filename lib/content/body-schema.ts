// Validation of an article body at the server boundary (form post, API, import). Isomorphic: the
// editor's form can run the same check before submitting. Unknown node or mark types and bad
// attribute values are rejected; unknown keys (e.g. the link `target`/`rel`/`class`/`title` that
// the editor's getJSON() adds) are stripped, so what is stored is exactly `BodyDoc`.
import { z } from 'zod';

import { MAX_BODY_JSON_BYTES, bodyLimitProblem, bodyTooLargeMessage } from './body-limits';
import type { BodyBlock, BodyDoc, BodyInline, BodyListItem, BodyMark } from './body-types';
import { ORDERED_LIST_STYLES, emptyDoc } from './body-types';
import { isAllowedHref } from './link-href';

export { emptyDoc };
export type { BodyDoc };

const boldMarkSchema = z.object({ type: z.literal('bold') });
const italicMarkSchema = z.object({ type: z.literal('italic') });
const linkMarkSchema = z.object({
  type: z.literal('link'),
  attrs: z.object({
    href: z.string().refine(isAllowedHref, {
      error: '链接地址无效：只允许 https://、mailto: 或以 / 或 # 开头的站内地址',
    }),
  }),
});

const markSchema: z.ZodType<BodyMark> = z.discriminatedUnion('type', [boldMarkSchema, italicMarkSchema, linkMarkSchema], {
  error: (issue) => `正文包含不支持的文字格式${describeType(issue.input)}`,
});

const marksSchema = z
  .array(markSchema)
  .max(8)
  .refine((marks) => new Set(marks.map((mark) => mark.type)).size === marks.length, {
    error: '同一段文字的格式重复',
  });

const textSchema = z.object({
  type: z.literal('text'),
  text: z
    .string()
    .min(1, { error: '正文包含空的文本节点' })
    // PostgreSQL jsonb refuses NUL; nothing legitimate contains it.
    .refine((text) => !text.includes('\u0000'), { error: '正文包含无效的控制字符' }),
  marks: marksSchema.optional(),
});

const hardBreakSchema = z.object({
  type: z.literal('hardBreak'),
  marks: marksSchema.optional(),
});

const inlineSchema: z.ZodType<BodyInline> = z.discriminatedUnion('type', [textSchema, hardBreakSchema], {
  error: (issue) => `段落中包含不支持的内容${describeType(issue.input)}`,
});

const inlineContentSchema = z.array(inlineSchema).optional();

// Recursive parts are reached through z.lazy so they can refer to blockSchema before it exists.
const blockSchema: z.ZodType<BodyBlock> = z.lazy(() =>
  z.discriminatedUnion(
    'type',
    [
      z.object({ type: z.literal('paragraph'), content: inlineContentSchema }),
      z.object({
        type: z.literal('heading'),
        attrs: z.object({
          level: z.union([z.literal(2), z.literal(3)], { error: '标题级别只能是 2 或 3' }),
        }),
        content: inlineContentSchema,
      }),
      z.object({
        type: z.literal('bulletList'),
        content: z.array(listItemSchema).min(1, { error: '列表不能为空' }),
      }),
      z.object({
        type: z.literal('orderedList'),
        attrs: z
          .object({
            start: z.number().int().min(0).max(1_000_000).optional(),
            type: z.enum(ORDERED_LIST_STYLES).nullable().optional(),
          })
          .optional(),
        content: z.array(listItemSchema).min(1, { error: '列表不能为空' }),
      }),
      z.object({
        type: z.literal('blockquote'),
        content: z.array(blockSchema).min(1, { error: '引用不能为空' }),
      }),
      z.object({ type: z.literal('horizontalRule') }),
    ],
    { error: (issue) => `正文包含不支持的内容类型${describeType(issue.input)}` },
  ),
);

const listItemSchema: z.ZodType<BodyListItem> = z.object({
  type: z.literal('listItem', { error: '列表中只能包含列表项' }),
  content: z
    .array(blockSchema)
    .min(1, { error: '列表项不能为空' })
    // Mirrors the editor schema ("paragraph block*"), so a valid body always loads in the editor.
    .refine((blocks) => blocks[0]?.type === 'paragraph', { error: '列表项必须以段落开头' }),
});

const docShapeSchema = z
  .object({
    type: z.literal('doc', { error: '正文必须是文档（doc）节点' }),
    content: z.array(blockSchema).optional(),
  })
  // An empty doc is normalised to one empty paragraph, the smallest document the editor accepts.
  .transform((doc): BodyDoc => (doc.content && doc.content.length > 0 ? { type: 'doc', content: doc.content } : emptyDoc()));

/**
 * A ProseMirror body document of the allow-listed nodes and marks. Size, depth and node-count
 * limits (./body-limits.ts) are checked first, without recursion; a value that breaks one is
 * refused with that message and never reaches the recursive schema (a failed check ends the pipe).
 */
export const bodyDocSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    const problem = bodyLimitProblem(value);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
    }
  })
  .pipe(docShapeSchema);

/** For forms: the hidden input holding the editor's JSON, parsed and validated into a doc. */
export const bodyJsonSchema = z.string().transform((input, ctx): BodyDoc => {
  const result = parseBodyJson(input);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  }
  return result.doc;
});

export type ParseBodyResult = { ok: true; doc: BodyDoc } | { ok: false; error: string };

export function parseBodyJson(input: string): ParseBodyResult {
  // Cheap bound before JSON.parse: every UTF-16 unit is at least one UTF-8 byte.
  if (input.length > MAX_BODY_JSON_BYTES) {
    return { ok: false, error: bodyTooLargeMessage };
  }
  let value: unknown;
  try {
    // V8 parses iteratively: a string nested 10,000 levels deep parses, and the limits refuse it.
    value = JSON.parse(input);
  } catch {
    return { ok: false, error: '正文格式无效：不是合法的 JSON' };
  }
  return validateBodyDoc(value);
}

/** Validates an already-parsed value (e.g. a JSON column or an API payload). */
export function validateBodyDoc(value: unknown): ParseBodyResult {
  const result = bodyDocSchema.safeParse(value);
  if (result.success) {
    return { ok: true, doc: result.data };
  }
  const [issue] = result.error.issues;
  const where = issue && issue.path.length > 0 ? `（位置：${issue.path.join('.')}）` : '';
  const message = issue?.message && /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '正文格式无效';
  return { ok: false, error: `${message}${where}` };
}

function describeType(input: unknown): string {
  if (typeof input === 'object' && input !== null && 'type' in input && typeof input.type === 'string') {
    return `（${input.type.slice(0, 40)}）`;
  }
  return '';
}
