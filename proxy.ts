import { NextResponse, type NextRequest } from 'next/server';
import { isHttpsOrigin, siteOrigin, siteUrl } from '@/lib/config/site-origin';
import { publicRoute } from '@/lib/public/public-routes';
import { contentSecurityPolicy, createNonce, responseSecurityHeaders, usesNonce } from '@/lib/security/headers';

const dev = process.env.NODE_ENV === 'development';

// Runs on every page and API route (not on build assets): the Content-Security-Policy and the
// other per-request headers (lib/security/headers.ts), the sign-in redirect for /admin, and the
// public addresses served by other routes (lib/public/public-routes.ts).
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const origin = siteOrigin();
  const https = isHttpsOrigin(origin);

  // Optimistic redirect only: pages and actions check the session against the database themselves.
  // Auth.js names the cookie (__Secure-)authjs.session-token, with .0, .1 … suffixes when it is chunked.
  if (pathname === '/admin' || pathname.startsWith('/admin/')) {
    const hasSession = request.cookies.getAll().some((c) => c.name.includes('authjs.session-token'));
    if (!hasSession) {
      // On the configured origin: request.url carries the address the server binds, not the site's.
      const url = siteUrl('/login');
      url.searchParams.set('next', pathname);
      return withHeaders(NextResponse.redirect(url), responseSecurityHeaders({ pathname, https, dev }));
    }
  }

  if (!usesNonce(pathname)) {
    const headers = responseSecurityHeaders({ pathname, https, dev });
    const route = publicRoute(pathname, request.nextUrl.searchParams);
    if (route && 'redirect' in route) return withHeaders(NextResponse.redirect(siteUrl(route.redirect), 308), headers);
    if (route) return withHeaders(NextResponse.rewrite(new URL(route.rewrite, request.url)), headers);
    return withHeaders(NextResponse.next(), headers);
  }

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

// Everything but Next's build assets (hashed, immutable, public) and the favicon.
export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
