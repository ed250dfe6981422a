import { NextResponse, type NextRequest } from 'next/server';

// Optimistic redirect only: pages and actions check the session against the database themselves.
export function proxy(request: NextRequest) {
  // Auth.js names the cookie (__Secure-)authjs.session-token, with .0, .1 … suffixes when it is chunked.
  const hasSession = request.cookies.getAll().some((c) => c.name.includes('authjs.session-token'));
  if (!hasSession) {
    const url = new URL('/login', request.url);
    url.searchParams.set('next', request.nextUrl.pathname);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = { matcher: ['/admin/:path*'] };
