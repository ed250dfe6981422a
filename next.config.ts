import path from 'node:path';
import type { NextConfig } from 'next';
import { PHASE_PRODUCTION_BUILD } from 'next/constants';
import { MAX_REQUEST_BODY_BYTES } from './lib/import/limits';
import { publicRewrites } from './lib/public/public-routes';
import { privatePathPrefixes, staticSecurityHeaders } from './lib/security/headers';

const nextConfig = (phase: string): NextConfig => {
  // With REDIS_URL the page and data cache, and its tag expiries, live in Redis and are shared by
  // every instance (lib/cache/redis-cache-handler.ts). Not during `next build`: a build needs no
  // Redis, and Next imports the handler there with plain Node (no TypeScript).
  const sharedCache = Boolean(process.env.REDIS_URL) && phase !== PHASE_PRODUCTION_BUILD;
  return {
    cacheHandler: sharedCache ? path.join(process.cwd(), 'lib/cache/next-cache-handler.ts') : undefined,
    // A separate build folder lets several builds (e.g. parallel test runs) share a checkout.
    distDir: process.env.NEXT_DIST_DIR ?? '.next',
    // Native and WebAssembly packages are loaded by Node at run time, not bundled; so is pg-boss, the
    // job queue that scripts/serve.ts also loads (lib/jobs/queue.ts).
    serverExternalPackages: ['@node-rs/argon2', '@node-rs/jieba', 'pg-boss'],
    poweredByHeader: false,
    // The app server compresses (scripts/lib/app-server.ts), after it has rewritten the public
    // pages' HTML; Next's compression would hand it gzip instead.
    compress: false,
    // Metadata in <head> for every reader, never streamed into <body> after the page (Next does
    // that for browsers on dynamic pages, e.g. /search): public pages run no script to move it.
    htmlLimitedBots: /.*/,
    // Public pages are rendered once and cached (ISR). The default cache keeps them in this
    // process's memory only: on disk they would outlive a restart onto a database that changed
    // meanwhile. With REDIS_URL, instances share one cache instead, and 0 here: a copy in this
    // process's memory would hide an expiry written by another instance.
    cacheMaxMemorySize: sharedCache ? 0 : 256 * 1024 * 1024,
    experimental: {
      isrFlushToDisk: false,
      // The upload form's request is the largest body the app takes. proxy.ts sees every request, and
      // Next hands a route only the first proxyClientMaxBodySize bytes of a body it buffered for the
      // proxy; scripts/serve.ts refuses anything larger than the same limit with a 413.
      serverActions: { bodySizeLimit: MAX_REQUEST_BODY_BYTES },
      proxyClientMaxBodySize: MAX_REQUEST_BODY_BYTES,
    },
    // `/`, /regions and /months are served by parameterised routes (lib/public/public-routes.ts).
    async rewrites() {
      return { beforeFiles: publicRewrites, afterFiles: [], fallback: [] };
    },
    // The headers that never change; the Content-Security-Policy (per request on the signed-in pages),
    // HSTS and Cache-Control come from proxy.ts (private paths) and scripts/serve.ts (public pages). All of them are built in lib/security/headers.ts.
    async headers() {
      return [
        { source: '/:path*', headers: [...staticSecurityHeaders] },
        // Also set by proxy.ts; here too for responses the proxy does not produce (e.g. errors).
        ...privatePathPrefixes.map((prefix) => ({ source: `${prefix}/:path*`, headers: [{ key: 'Cache-Control', value: 'no-store' }] })),
      ];
    },
  };
};

export default nextConfig;
