import 'server-only';

// Server-side HTML for article bodies (STYLE principle 8: JSON stored, HTML made on the server).
// Pages embed the result with dangerouslySetInnerHTML, so this module is the XSS boundary:
// 1. the input is re-sanitized whatever its origin (allow-listed nodes, marks and attrs only;
//    unknown nodes keep their text, unknown leaves vanish), then
// 2. @tiptap/static-renderer renders it with the editor's own extension list, where every text
//    node is escaped and every attribute value is quoted and escaped, and
// 3. links are rendered here rather than by the Link extension, re-checking the href: an unsafe
//    href renders plain text instead of the extension's `<a href="">`.
import type { Mark } from '@tiptap/pm/model';
import { renderToHTMLString, serializeChildrenToHTMLString } from '@tiptap/static-renderer/pm/html-string';

import { bodyExtensions } from './extensions';
import { isAllowedHref } from './link-href';
import { sanitizeBodyDoc } from './sanitize-body';

export const LINK_REL = 'noopener noreferrer nofollow';

export function renderBodyHtml(doc: unknown): string {
  const clean = sanitizeBodyDoc(doc);
  if (clean.content.length === 0) {
    return '';
  }
  return renderToHTMLString({
    content: clean,
    extensions: bodyExtensions,
    options: {
      markMapping: {
        link: ({ mark, children }) => renderLink(mark, serializeChildrenToHTMLString(children)),
      },
      // Unreachable after sanitizing; kept so a gap there degrades to text, never to markup.
      unhandledNode: ({ children }) => serializeChildrenToHTMLString(children),
      unhandledMark: ({ children }) => serializeChildrenToHTMLString(children),
    },
  });
}

function renderLink(mark: Mark, inner: string): string {
  const href: unknown = mark.attrs.href;
  if (!isAllowedHref(href)) {
    return inner;
  }
  return `<a href="${escapeAttribute(href)}" rel="${LINK_REL}">${inner}</a>`;
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#39;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
