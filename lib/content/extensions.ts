// The one Tiptap extension list (STYLE principle 8): the editor builds its schema from it and
// the server renderer turns stored JSON into HTML with it, so what an editor can make is exactly
// what the site can show. Importable from server and client code: no DOM access at import.
import type { Extensions } from '@tiptap/core';
import { StarterKit } from '@tiptap/starter-kit';

import { isAllowedHref } from './link-href';

export const HEADING_LEVELS = [2, 3] as const;
export type HeadingLevel = (typeof HEADING_LEVELS)[number];

export const bodyExtensions: Extensions = [
  StarterKit.configure({
    // The page title is the <h1>; bodies start at section level.
    heading: { levels: [...HEADING_LEVELS] },
    // Q&A pages have no code; strike and underline add nothing an editor needs and underline
    // reads as a link on the web. Leaving them out keeps the stored format small.
    code: false,
    codeBlock: false,
    strike: false,
    underline: false,
    // The trailing-node plugin appends an empty paragraph to docs that end in a list, which would
    // mark an untouched imported article as changed the moment it is opened.
    trailingNode: false,
    link: {
      openOnClick: false,
      autolink: false,
      // Pasting a URL over selected text still links it, but only through the same policy.
      linkOnPaste: true,
      defaultProtocol: 'https',
      protocols: [],
      // Stored links carry only an href; rel is added by the renderer, new tabs are not forced.
      HTMLAttributes: { target: null, rel: 'noopener noreferrer nofollow', class: null },
      isAllowedUri: (url) => isAllowedHref(url),
      shouldAutoLink: (url) => isAllowedHref(url),
    },
  }),
];
