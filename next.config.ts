import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // A separate build folder lets several builds (e.g. parallel test runs) share a checkout.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  // Native and WebAssembly packages are loaded by Node at run time, not bundled; so is pg-boss, the
  // job queue that scripts/serve.ts also loads (lib/jobs/queue.ts).
  serverExternalPackages: ['@node-rs/argon2', '@node-rs/jieba', '@electric-sql/pglite', '@electric-sql/pglite-socket', 'pg-boss'],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: '20mb' },
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
      { source: '/admin/:path*', headers: [{ key: 'Cache-Control', value: 'no-store' }] },
    ];
  },
};

export default nextConfig;
