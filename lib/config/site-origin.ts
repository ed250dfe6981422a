// The site's public origin (scheme, host, port) comes from configuration, never from a request:
// a client can send any Host or X-Forwarded-Host, and a proxy may pass them on. Every absolute URL
// the app builds (redirects, Auth.js callbacks) uses this origin. scripts/serve.ts resolves it once
// at start-up (`configureSiteOrigin`), and then pins the request's host and forwarding headers to it
// (`pinForwardedHeaders`) so that Next and Auth.js, which read those headers, agree.
// No Node-only imports: proxy.ts imports this too.

type Env = Record<string, string | undefined>;

export class SiteOriginError extends Error {}

/** An http(s) origin with nothing after it; anything else is a configuration mistake. */
export function parseOrigin(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new SiteOriginError(`${name} must be an absolute URL such as https://baoda.example.cn (got "${value}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SiteOriginError(`${name} must use http or https (got "${value}")`);
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new SiteOriginError(`${name} must be an origin only, without a path, query or credentials (got "${value}")`);
  }
  return url.origin;
}

/** The origin when none is configured: where `npm run demo` and `npm start` say they listen. */
function defaultOrigin(env: Env): string {
  const port = env.PORT?.trim() || '3000';
  // Binding every interface (the default) is reached as localhost on this machine.
  const host = !env.HOST || env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  return parseOrigin(`http://${host.includes(':') ? `[${host}]` : host}:${port}`, 'HOST/PORT');
}

/**
 * SITE_URL, else AUTH_URL's origin (Auth.js's own setting, which may carry its base path), else
 * http://localhost:PORT. When both are set they must name the same origin.
 */
export function resolveSiteOrigin(env: Env = process.env): string {
  const site = env.SITE_URL?.trim() ? parseOrigin(env.SITE_URL, 'SITE_URL') : null;
  let auth: string | null = null;
  if (env.AUTH_URL?.trim()) {
    try {
      auth = new URL(env.AUTH_URL.trim()).origin;
    } catch {
      throw new SiteOriginError(`AUTH_URL must be an absolute URL (got "${env.AUTH_URL}")`);
    }
  }
  if (site && auth && site !== auth) throw new SiteOriginError(`SITE_URL (${site}) and AUTH_URL (${auth}) name different origins; set only SITE_URL`);
  return site ?? auth ?? defaultOrigin(env);
}

/**
 * Resolves the origin once for this process and writes it back to the environment: SITE_URL for
 * our code (proxy.ts), AUTH_URL for Auth.js, which then builds every URL from it instead of the
 * request's Host / X-Forwarded-Host or the address the server binds (0.0.0.0).
 */
export function configureSiteOrigin(env: Env = process.env): string {
  const origin = resolveSiteOrigin(env);
  env.SITE_URL = origin;
  if (!env.AUTH_URL?.trim()) env.AUTH_URL = origin;
  return origin;
}

/** The configured origin as this process sees it (set up by `configureSiteOrigin`). */
export function siteOrigin(): string {
  return resolveSiteOrigin(process.env);
}

export function isHttpsOrigin(origin: string): boolean {
  return origin.startsWith('https:');
}

/** An absolute URL on the configured origin, whatever the request said its host was. */
export function siteUrl(pathAndQuery: string, origin: string = siteOrigin()): URL {
  if (!pathAndQuery.startsWith('/') || pathAndQuery.startsWith('//')) throw new Error(`Not a site path: ${pathAndQuery}`);
  return new URL(pathAndQuery, origin);
}

/** Request headers that name a host or scheme; a client or an untrusted hop can set any of them. */
const forwardingHeaders = ['forwarded', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-forwarded-server', 'x-original-host'];

/**
 * Replaces whatever host and scheme a request claims (Host, Forwarded, X-Forwarded-Host/-Proto/
 * -Port: from the client, or passed on by a proxy) with the configured origin's. Trusted proxies
 * cannot add anything here either: the origin they serve is SITE_URL. X-Forwarded-For is left
 * alone; the client address is resolved separately (lib/auth/client-ip.ts).
 */
export function pinForwardedHeaders(headers: Record<string, string | string[] | undefined>, origin: string): void {
  const url = new URL(origin);
  for (const name of forwardingHeaders) delete headers[name];
  headers.host = url.host;
  headers['x-forwarded-host'] = url.host;
  headers['x-forwarded-proto'] = url.protocol.slice(0, -1);
  headers['x-forwarded-port'] = url.port || (url.protocol === 'https:' ? '443' : '80');
}
