// The one set of limits on an article body, for the validator at every boundary (body-schema.ts)
// and the sanitizer that every renderer runs first (sanitize-body.ts): what the validator accepts,
// the sanitizer keeps whole. Hostile input (a body nested 10,000 levels deep) is measured here
// without recursion before anything walks it recursively: zod, JSON.stringify and the sanitizer
// all recurse, and past a few thousand levels they throw RangeError (maximum call stack size).
// Isomorphic: the editor runs the same checks.

/** Nesting levels below the doc (doc > list > item > list > item > paragraph > text is 6). */
export const MAX_BODY_DEPTH = 12;
/** Nodes of the document, the doc included (a long article has a few thousand). */
export const MAX_BODY_NODES = 20_000;
/** UTF-8 bytes of the JSON; a long article (about 20,000 Chinese characters) uses under 100 KB. */
export const MAX_BODY_JSON_BYTES = 200 * 1024;

// JSON nesting of a valid document at full depth: each node level is a node object and its
// `content` array, and a text node at the deepest level holds marks > mark > attrs. Deeper JSON
// is a node past MAX_BODY_DEPTH or junk nested in attributes.
const MAX_JSON_NESTING = 2 * MAX_BODY_DEPTH + 4;
// Every object or array takes at least two bytes of JSON ("{}"): more of them cannot fit.
const MAX_CONTAINERS = MAX_BODY_JSON_BYTES / 2;

export const bodyTooDeepMessage = `正文嵌套层级过深（最多 ${MAX_BODY_DEPTH} 层）`;
export const bodyTooManyNodesMessage = `正文内容过多（超过 ${MAX_BODY_NODES} 个节点）`;
export const bodyTooLargeMessage = `正文过长（JSON 不能超过 ${MAX_BODY_JSON_BYTES / 1024} KB）`;

type Entry = { value: unknown; nesting: number; depth: number; kind: 'node' | 'content' | 'other' };

/**
 * A Chinese message for the first limit `value` breaks (depth, node count, JSON size), or null.
 * Iterative, so a value of any depth (or a cycle) is safe to hand it; only once it has passed is
 * the value serialised to measure its size.
 */
export function bodyLimitProblem(value: unknown): string | null {
  let nodes = 0;
  let containers = 0;
  const stack: Entry[] = [{ value, nesting: 1, depth: 0, kind: 'node' }];
  while (stack.length > 0) {
    const { value: item, nesting, depth, kind } = stack.pop()!;
    if (kind === 'node') {
      if (++nodes > MAX_BODY_NODES) return bodyTooManyNodesMessage;
      if (depth > MAX_BODY_DEPTH) return bodyTooDeepMessage;
    }
    if (typeof item !== 'object' || item === null) continue;
    if (nesting > MAX_JSON_NESTING) return bodyTooDeepMessage;
    if (++containers > MAX_CONTAINERS) return bodyTooLargeMessage;
    if (Array.isArray(item)) {
      // The elements of a node's `content` are its child nodes, one level deeper.
      for (const child of item)
        stack.push({ value: child, nesting: nesting + 1, depth: kind === 'content' ? depth + 1 : depth, kind: kind === 'content' ? 'node' : 'other' });
    } else {
      for (const [key, child] of Object.entries(item)) {
        stack.push({ value: child, nesting: nesting + 1, depth, kind: kind === 'node' && key === 'content' ? 'content' : 'other' });
      }
    }
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    // A BigInt, or a toJSON that throws: nothing a JSON body holds.
    return '正文格式无效';
  }
  if (typeof json !== 'string') return '正文格式无效';
  return isOverJsonBytes(json) ? bodyTooLargeMessage : null;
}

/** Whether `text` is over MAX_BODY_JSON_BYTES in UTF-8; encoded only when its length does not tell (a UTF-16 unit is 1 to 3 bytes). */
export function isOverJsonBytes(text: string): boolean {
  if (text.length > MAX_BODY_JSON_BYTES) return true;
  if (text.length * 3 <= MAX_BODY_JSON_BYTES) return false;
  return new TextEncoder().encode(text).length > MAX_BODY_JSON_BYTES;
}
