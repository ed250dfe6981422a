import { siteOrigin } from '@/lib/config/site-origin';

// Where a sign-in returns to: the `next` of /login?next=…, which proxy.ts sets to the admin page
// that sent a signed-out visitor there, but which anyone can write into a link. The raw text is
// never trusted: a browser resolves `..`, `\`, `//`, tabs and newlines before it follows an
// address, so the check looks at what the URL parser makes of the value on the site's origin, and
// the redirect goes to that resolved path, never to the text as given.

export const defaultReturnPath = '/admin';

/** The admin path (with its query) that `next` resolves to on the site's origin, else /admin. */
export function signInReturnPath(next: unknown, origin: string = siteOrigin()): string {
  if (typeof next !== 'string' || next === '') return defaultReturnPath;
  const base = new URL(origin).origin;
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return defaultReturnPath;
  }
  if (url.origin !== base) return defaultReturnPath;
  if (url.pathname !== '/admin' && !url.pathname.startsWith('/admin/')) return defaultReturnPath;
  return `${url.pathname}${url.search}`;
}
