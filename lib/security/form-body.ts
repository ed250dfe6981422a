import type { IncomingHttpHeaders } from 'node:http';

// What scripts/serve.ts checks in a form post or a server action's body before Next decodes it
// (./request-body-limit.ts holds the body until it is complete). Next decodes such a body whole,
// and a hostile one fails inside Next with a 500 before any of our code runs: React's decoder of
// an action's arguments recurses into their JSON (10,000 levels: RangeError, maximum call stack),
// and nothing bounds the number of fields a form may post. Pure: bytes and headers in, a refusal
// out.

/**
 * Fields of one form post or server action. The largest real one is the upload: up to 500 files
 * (MAX_UPLOAD_FILES, lib/import/limits.ts) and a few fields; the editor's save posts about 15
 * (its recommendation list is one JSON field), the bulk actions one JSON text.
 */
export const MAX_FORM_FIELDS = 1_000;

/**
 * Nesting of a server action's arguments: React sends them as JSON rows, and a row may refer to
 * another (nesting it inside), so the deepest bracket of each row is added up. The deepest real
 * argument is an article body (lib/content/body-limits.ts: under 30 levels of JSON) in the merge
 * action's input; everything else is a few levels.
 */
export const MAX_ACTION_NESTING = 64;

export const TOO_MANY_FIELDS_MESSAGE = `请求包含的字段过多（最多 ${MAX_FORM_FIELDS.toLocaleString('en-US')} 个），已拒绝。请刷新页面后重试。`;
export const TOO_DEEP_MESSAGE = '请求的数据嵌套层级过深，已拒绝。请刷新页面后重试。';
export const MALFORMED_MESSAGE = '请求格式无效，已拒绝。请刷新页面后重试。';

export type BodyRefusal = { status: 413 | 400; message: string };

const tooManyFields: BodyRefusal = { status: 413, message: TOO_MANY_FIELDS_MESSAGE };
const tooDeep: BodyRefusal = { status: 400, message: TOO_DEEP_MESSAGE };
const malformed: BodyRefusal = { status: 400, message: MALFORMED_MESSAGE };

function mediaType(headers: IncomingHttpHeaders): string {
  return (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** A POST that Next may decode as a server action or a form: its body is checked by formBodyRefusal first. */
export function isFormOrActionRequest(method: string | undefined, headers: IncomingHttpHeaders): boolean {
  if (method !== 'POST') return false;
  if (headers['next-action'] !== undefined) return true;
  const type = mediaType(headers);
  return type === 'multipart/form-data' || type === 'application/x-www-form-urlencoded';
}

/** Why the body must not reach Next (too many fields: 413; arguments nested too deep, or a multipart body without its boundary: 400), or null. */
export function formBodyRefusal(body: Buffer, headers: IncomingHttpHeaders): BodyRefusal | null {
  const type = mediaType(headers);
  if (type === 'multipart/form-data') return multipartRefusal(body, boundaryOf(headers['content-type'] ?? ''));
  // Fields are separated by "&".
  if (type === 'application/x-www-form-urlencoded' && countOf(body, 0x26, MAX_FORM_FIELDS) + 1 > MAX_FORM_FIELDS) return tooManyFields;
  // Any other body of an action (text/plain as Next's client sends it) is its arguments as one JSON text.
  if (headers['next-action'] !== undefined && nestingOf(body, 0, body.length, MAX_ACTION_NESTING) > MAX_ACTION_NESTING) return tooDeep;
  return null;
}

function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : null;
}

/**
 * Counts the parts and measures the JSON rows among them. A part is a row where React's decoder
 * would read it as one: named by a number (`0`, `1` …; `$ACTION_…:<n>` for a form posted without
 * JavaScript); the form's own fields (`_1_title`) and files are left to the action.
 */
function multipartRefusal(body: Buffer, boundary: string | null): BodyRefusal | null {
  // Next's multipart parser throws on it (a 500).
  if (!boundary) return malformed;
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let fields = 0;
  let nesting = 0;
  // The first delimiter may start the body, without the line break before it.
  let at = body.indexOf(delimiter.subarray(2));
  while (at !== -1) {
    const start = at + (body[at] === 0x0d ? delimiter.length : delimiter.length - 2);
    // "--" after the delimiter closes the body.
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break;
    const headersEnd = body.indexOf('\r\n\r\n', start);
    if (headersEnd === -1) break;
    const next = body.indexOf(delimiter, headersEnd + 4);
    const end = next === -1 ? body.length : next;
    if (++fields > MAX_FORM_FIELDS) return tooManyFields;
    if (isJsonRow(body.toString('utf8', start, headersEnd))) {
      nesting += nestingOf(body, headersEnd + 4, end, MAX_ACTION_NESTING - nesting);
      if (nesting > MAX_ACTION_NESTING) return tooDeep;
    }
    at = next;
  }
  return null;
}

function isJsonRow(partHeaders: string): boolean {
  if (/;\s*filename\*?=/i.test(partHeaders)) return false;
  const match = /;\s*name=(?:"([^"]*)"|([^\s;]+))/i.exec(partHeaders);
  if (!match) return false;
  const name = match[1] ?? match[2];
  // React resolves a row by Number() of what follows its prefix: "" and " 1" count too.
  const id = name.startsWith('$ACTION_') ? name.slice(name.lastIndexOf(':') + 1) : name;
  return !Number.isNaN(Number(id));
}

/** The deepest bracket nesting of the JSON in body[start, end), outside strings; stops once past `budget`. */
function nestingOf(body: Buffer, start: number, end: number, budget: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = start; i < end; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === 0x5c) i++;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x5b || byte === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > budget) return deepest;
    } else if (byte === 0x5d || byte === 0x7d) {
      depth--;
    }
  }
  return deepest;
}

/** Occurrences of `byte` in `body`, counted up to `limit + 1`. */
function countOf(body: Buffer, byte: number, limit: number): number {
  let count = 0;
  for (let at = body.indexOf(byte); at !== -1 && count <= limit; at = body.indexOf(byte, at + 1)) count++;
  return count;
}
