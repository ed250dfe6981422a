import { NextResponse, type NextRequest } from 'next/server';
import { isHttpsOrigin, siteOrigin, siteUrl } from '@/lib/config/site-origin';
import { legacyPageRedirect } from '@/lib/public/public-routes';
import { contentSecurityPolicy, createNonce, responseSecurityHeaders, usesNonce } from '@/lib/security/headers';

const dev = process.env.NODE_ENV === 'development';

// Runs on the signed-in and private paths only (see `config`): a Content-Security-Policy with a
// fresh nonce, `no-store` and HSTS (lib/security/headers.ts), and the sign-in redirect for /admin.
// Public pages never pass here: they are served from the cache, with their headers set by
// scripts/serve.ts, and the proxy would cost every one of them a run. The one public exception
// is an old ?page= link, redirected to its paged address.
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const https = isHttpsOrigin(siteOrigin());
  const headers = responseSecurityHeaders({ pathname, https, dev });

  const moved = legacyPageRedirect(pathname, request.nextUrl.searchParams);
  if (moved) return withHeaders(NextResponse.redirect(siteUrl(moved), 308), headers);

  // Optimistic redirect only: pages and actions check the session against the database themselves.
  // Auth.js names the cookie (__Secure-)authjs.session-token, with .0, .1 … suffixes when it is chunked.
  if (pathname === '/admin' || pathname.startsWith('/admin/')) {
    const hasSession = request.cookies.getAll().some((c) => c.name.includes('authjs.session-token'));
    if (!hasSession) {
      // On the configured origin: request.url carries the address the server binds, not the site's.
      // The query comes along (a filtered list), and the sign-in resolves and checks it all again
      // (lib/auth/return-path.ts): a link to /login can carry any `next`.
      const url = siteUrl('/login');
      url.searchParams.set('next', `${pathname}${request.nextUrl.search}`);
      return withHeaders(NextResponse.redirect(url), headers);
    }
  }

  if (!usesNonce(pathname)) return withHeaders(NextResponse.next(), headers);

  // Next takes the nonce from the request's CSP header and puts it on its own scripts (and Tiptap
  // finds it on them: lib/security/document-nonce.ts).
  const nonce = createNonce();
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', contentSecurityPolicy({ nonce, https, dev }));
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), responseSecurityHeaders({ pathname, nonce, https, dev }));
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// Matchers must be literals (Next reads them at build time): the private path prefixes of
// lib/security/headers.ts, and the lists of lib/public/public-routes.ts when asked for ?page=.
export const config = {
  matcher: [
    '/admin/:path*',
    '/login/:path*',
    '/reset-password/:path*',
    '/api/:path*',
    { source: '/', has: [{ type: 'query', key: 'page' }] },
    { source: '/regions/:code', has: [{ type: 'query', key: 'page' }] },
    { source: '/months/:month', has: [{ type: 'query', key: 'page' }] },
  ],
};
