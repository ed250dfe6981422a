// The app server (run by scripts/serve.ts, once per server process): Next's request handler
// behind a plain Node server, which decides what Next may believe about a request before Next
// sees it:
// - the client address used for sign-in throttling comes from the socket and the trusted proxy
//   hops only (lib/auth/client-ip.ts);
// - the host and scheme are the configured origin's, whatever the request claims
//   (lib/config/site-origin.ts), so no redirect can be built on another host;
// - bodies over the app's limit are refused with a 413 before Next reads them
//   (lib/security/request-body-limit.ts; the limit is in lib/import/limits.ts), and so are form
//   posts and server actions with too many fields or too deeply nested arguments (413, 400:
//   lib/security/form-body.ts), which Next would fail on with a 500.
// It also compresses every response (Next's own compression is off in next.config.ts), after it
// has taken Next's client runtime out of the public pages' HTML (lib/public/static-html.ts).
// The first server process also runs the background job workers (lib/jobs: imports of confirmed
// uploads). Every process reads the public change feed, expiring in its cache the pages that
// changes anywhere outdate (lib/public-cache).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import compression from 'compression';
import next from 'next';
import { clientIpHeader, resolveClientIp, trustedProxyHops } from '@/lib/auth/client-ip';
import { configureSiteOrigin, isHttpsOrigin, pinForwardedHeaders } from '@/lib/config/site-origin';
import { db } from '@/lib/db/client';
import { MAX_REQUEST_BODY_BYTES, REQUEST_TOO_LARGE_MESSAGE } from '@/lib/import/limits';
import { stopJobQueue } from '@/lib/jobs/queue';
import { startWorkers } from '@/lib/jobs/workers';
import { downstreamCacheControl } from '@/lib/public-cache/cdn-cache-control';
import { startFeedConsumer, type FeedConsumer } from '@/lib/public-cache/feed-consumer';
import { articleSlugOf, loadGoneSlugSet, slugsOfTags } from '@/lib/public-cache/gone-slugs';
import { RewriteMemo, rewriteHtmlResponse, stripClientRuntime } from '@/lib/public/static-html';
import { createInternalSecret, internalSecretHeader } from '@/lib/public-cache/internal-secret';
import { publicTags } from '@/lib/public-cache/cache-tags';
import { isPrivatePath, responseSecurityHeaders } from '@/lib/security/headers';
import { enforceBodyLimit } from '@/lib/security/request-body-limit';
import { serverProcessIndex } from './server-processes';

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '0.0.0.0';
const trusted = trustedProxyHops();
// Before Next and Auth.js load: Auth.js reads AUTH_URL, which this sets from SITE_URL.
const origin = configureSiteOrigin();
const internalSecret = createInternalSecret();
const publicHeaders = Object.entries(responseSecurityHeaders({ pathname: '/', https: isHttpsOrigin(origin) }));

const app = next({ dev: false, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();
const runsJobs = serverProcessIndex() === 0;
await app.prepare();
if (runsJobs) await startWorkers(db);
// Slugs of pages taken down, which answer 410 instead of 404 (lib/public-cache/gone-slugs.ts).
const goneSlugs = await loadGoneSlugSet(db);
// Gzip (or deflate) as Next would: the compression package, which Next also bundles.
const compress = compression();
const noop = () => {};
// Each cached page is rewritten once (by its ETag), not per request.
const rewritten = new RewriteMemo(64 * 1024 * 1024);

function serveRequest(req: IncomingMessage, res: ServerResponse) {
  const forwarded = req.headers['x-forwarded-for'];
  const ip = resolveClientIp(Array.isArray(forwarded) ? forwarded.join(',') : forwarded, req.socket.remoteAddress, trusted);
  // Whatever the client sent in our header is replaced (or removed).
  if (ip) req.headers[clientIpHeader] = ip;
  else delete req.headers[clientIpHeader];
  pinForwardedHeaders(req.headers, origin);
  // The public pages' Content-Security-Policy and HSTS: proxy.ts, which sets them on the private
  // paths (with a nonce there), does not run for public pages, which are served from the cache.
  const pathname = (req.url ?? '/').split('?')[0];
  // Innermost: what the wrappers below send is compressed.
  compress(req as never, res as never, noop);
  if (!isPrivatePath(pathname)) {
    for (const [name, value] of publicHeaders) res.setHeader(name, value);
    // A public page's old address (a renamed article's slug, a ?page= link) answers 301, the
    // permanent redirect search engines document (Baidu's among them); Next answers 308. A page
    // that was public and was taken down answers 410 where Next says 404: a lookup in memory.
    const slug = articleSlugOf(pathname);
    const writeHead = res.writeHead.bind(res);
    res.writeHead = ((status: number, ...rest: []) =>
      writeHead(status === 308 ? 301 : status === 404 && slug !== null && goneSlugs.has(slug) ? 410 : status, ...rest)) as typeof res.writeHead;
    // A redirect Next replays from its cache appends its Location once more (vercel/next.js#82117):
    // "/a/x, /a/x" is no address, and crawlers give up on it. A header value already set is not
    // appended again.
    const appendHeader = res.appendHeader.bind(res);
    res.appendHeader = (name, value) => {
      const present = res.getHeader(name);
      const same = Array.isArray(present) ? present.join(', ') === String(value) : present !== undefined && String(present) === String(value);
      return name.toLowerCase() === 'location' && same ? res : appendHeader(name, value);
    };
    // Outermost: public pages leave without Next's client runtime.
    rewriteHtmlResponse(req.method, res, stripClientRuntime, rewritten);
  }
  // Pages Next serves from its cache may be kept briefly downstream (lib/public-cache/cdn-cache-control.ts).
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => {
    const replaced = name.toLowerCase() === 'cache-control' && typeof value === 'string' ? downstreamCacheControl(value) : null;
    return setHeader(name, replaced ?? value);
  };
  void enforceBodyLimit(req, res, MAX_REQUEST_BODY_BYTES, REQUEST_TOO_LARGE_MESSAGE).then((allowed) => {
    if (allowed) void handle(req, res);
  });
}
const server = createServer(serveRequest);

// Tags can only be expired inside a request to Next, so the feed's tags go to this process's own
// endpoint (app/api/internal/expire), through a loopback port of its own: the shared port may hand
// a request to any of the server processes.
const internalPath = '/api/internal/expire';
const internalServer = createServer((req, res) => {
  if (req.url === internalPath && req.method === 'POST') return serveRequest(req, res);
  res.writeHead(404).end();
});
await new Promise<void>((resolve) => internalServer.listen({ host: '127.0.0.1', port: 0, exclusive: true }, resolve));
const internalAddress = `http://127.0.0.1:${(internalServer.address() as AddressInfo).port}${internalPath}`;
async function expireOwnCache(tags: string[]) {
  const response = await fetch(internalAddress, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [internalSecretHeader]: internalSecret },
    body: JSON.stringify({ tags }),
  });
  if (!response.ok) throw new Error(`expiring ${tags.length} tags answered ${response.status}`);
}

let feed: FeedConsumer | undefined;
server.listen(port, hostname, () => {
  if (runsJobs) console.log(`Listening on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port} (site origin ${origin})`);
  feed = startFeedConsumer(db, async (tags) => {
    // The gone slugs first: a page expired by this change is rendered again with the new answer.
    if (tags.includes(publicTags.gone)) await goneSlugs.refresh(slugsOfTags(tags));
    await expireOwnCache(tags);
  });
});

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 5000).unref();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  internalServer.close();
  // A running import gets two seconds; after that its job is marked failed, and pg-boss retries
  // it (it resumes where it stopped) when a server starts again.
  await Promise.all([closed, feed?.stop(), runsJobs && stopJobQueue(2000).catch((error) => console.error('jobs: stopping the queue failed', error))]);
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
