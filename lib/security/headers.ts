// Security headers, built in one place: next.config.ts sends the static ones with every response,
// proxy.ts adds the Content-Security-Policy (with a fresh nonce on the signed-in pages), HSTS and
// `Cache-Control: no-store`. Pure functions: next.config.ts, proxy.ts and the tests import this.

/**
 * Paths whose responses depend on who is signed in (or on a sign-in in progress): never stored by
 * a browser or shared cache. `/admin/account` is inside `/admin`.
 */
export const privatePathPrefixes = ['/admin', '/login', '/reset-password', '/api'] as const;

/**
 * Pages rendered per request that get a nonce-based policy. Next reads the nonce from the
 * request's CSP header and puts it on its own scripts, which works only on dynamically rendered
 * pages: keep every page under these prefixes dynamic. The public pages are served from Next's
 * cache, where a per-request nonce cannot exist, and get `publicPolicy` instead.
 */
export const noncePathPrefixes = ['/admin', '/login', '/reset-password'] as const;

function underPrefix(pathname: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

export function isPrivatePath(pathname: string): boolean {
  return underPrefix(pathname, privatePathPrefixes);
}

export function usesNonce(pathname: string): boolean {
  return underPrefix(pathname, noncePathPrefixes);
}

/** 128 random bits, base64: what Next's nonce parser and the CSP grammar accept. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export type PolicyOptions = {
  /** Per-request nonce (dynamic pages). Without one, the cache-compatible public policy. */
  nonce?: string;
  /** The configured origin is https: ask the browser to upgrade any http sub-request. */
  https: boolean;
  /** `next dev` only: React uses eval there to rebuild server error stacks. */
  dev?: boolean;
};

/**
 * The Content-Security-Policy value.
 *
 * Scripts: with a nonce, only nonced scripts and what they load ('strict-dynamic'), without eval;
 * without one (the cached public pages, and API answers) none at all: the app server sends public
 * pages without Next's client runtime (lib/public/static-html.ts), and their JSON-LD blocks are
 * data, which a policy does not govern. Both forbid inline event handlers (`script-src-attr
 * 'none'`), plugins, <base> and framing.
 *
 * Styles: our components and recharts' SVG use inline `style` attributes, which a nonce cannot
 * cover, so `style-src-attr 'unsafe-inline'` allows attributes (they cannot run script) while
 * <style> elements still need the nonce on the signed-in pages (Tiptap injects one; see
 * lib/security/document-nonce.ts).
 */
export function contentSecurityPolicy({ nonce, https, dev = false }: PolicyOptions): string {
  const evalSource = dev ? " 'unsafe-eval'" : '';
  const directives = [
    "default-src 'self'",
    nonce ? `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${evalSource}` : "script-src 'none'",
    "script-src-attr 'none'",
    nonce && !dev ? `style-src 'self' 'nonce-${nonce}'` : "style-src 'self' 'unsafe-inline'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** Powerful features none of our pages use, denied to the page and anything it embeds. */
const deniedFeatures = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'serial',
  'usb',
] as const;

export const permissionsPolicy = deniedFeatures.map((feature) => `${feature}=()`).join(', ');

/** One year; subdomains are left to whoever runs them. Sent only when the site is served over https. */
export const strictTransportSecurity = 'max-age=31536000';

/** Headers that are the same on every response (next.config.ts `headers()`). */
export const staticSecurityHeaders: readonly { key: string; value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: permissionsPolicy },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** The per-request headers proxy.ts puts on a response. */
export function responseSecurityHeaders(options: { pathname: string; nonce?: string; https: boolean; dev?: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy({ nonce: options.nonce, https: options.https, dev: options.dev }),
  };
  if (options.https) headers['Strict-Transport-Security'] = strictTransportSecurity;
  if (isPrivatePath(options.pathname)) headers['Cache-Control'] = 'no-store';
  return headers;
}
