// Link policy for article bodies. Isomorphic and dependency-free: the editor (toolbar prompt,
// paste handling), the zod schema and the server renderer all ask the same question here.

export const MAX_HREF_LENGTH = 2048;

// Whitespace, control and invisible formatting characters. Browsers silently drop some of them
// inside a scheme ("java\tscript:", " javascript:"), so any occurrence makes the href suspect.
// The backslash is here because browsers read "\" as "/" in http(s) URLs, which turns
// "/\evil.example" into the protocol-relative "//evil.example".
const FORBIDDEN_CHARS =
  // oxlint-disable-next-line no-control-regex, no-misleading-character-class -- these characters, each on its own, are what the class is for
  /[\s\u0000-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\\]/u;

/**
 * True for the only link targets an article may carry:
 * - `https://host/...` (no credentials in the URL),
 * - `mailto:...`,
 * - site-relative paths starting with "/" (but not "//", which leaves the site) and "#" anchors.
 * Everything else, `http:` included, is refused: the public site is https-only and a scheme
 * allow-list is the only robust defence against `javascript:`/`data:` variants.
 */
export function isAllowedHref(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_HREF_LENGTH) {
    return false;
  }
  if (FORBIDDEN_CHARS.test(value)) {
    return false;
  }
  if (value.startsWith('#')) {
    return true;
  }
  if (value.startsWith('/')) {
    return !value.startsWith('//');
  }
  if (/^https:\/\//i.test(value)) {
    return isSafeHttpsUrl(value);
  }
  if (/^mailto:/i.test(value)) {
    return value.length > 'mailto:'.length;
  }
  return false;
}

function isSafeHttpsUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // "https://bank.example@evil.example" shows one host and opens another.
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
}

/**
 * Tidies what an editor typed into the link prompt: trims surrounding whitespace and turns a
 * bare domain ("www.gov.cn/zhengce") into an https URL. The result still has to pass
 * `isAllowedHref`; this never makes a forbidden href acceptable.
 */
export function normalizeHrefInput(raw: string): string {
  const trimmed = raw.trim();
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?(?:[/?#]|$)/i.test(trimmed)) {
    return `https://${trimmed}`;
  }
  return trimmed;
}
