// The production HTTP server: Next's request handler behind a plain Node server, so that the
// client address used for sign-in throttling comes from the socket (see lib/auth/client-ip.ts).
// It also runs the background job workers (lib/jobs: imports of confirmed uploads).
// Used by `npm run demo`, `npm start` and the e2e tests.
import { createServer } from 'node:http';
import next from 'next';
import { clientIpHeader, resolveClientIp, trustedProxyHops } from '@/lib/auth/client-ip';
import { db } from '@/lib/db/client';
import { stopJobQueue } from '@/lib/jobs/queue';
import { startWorkers } from '@/lib/jobs/workers';

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '0.0.0.0';
const trusted = trustedProxyHops();

const app = next({ dev: false, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();
await startWorkers(db);

const server = createServer((req, res) => {
  const forwarded = req.headers['x-forwarded-for'];
  const ip = resolveClientIp(Array.isArray(forwarded) ? forwarded.join(',') : forwarded, req.socket.remoteAddress, trusted);
  // Whatever the client sent in our header is replaced (or removed).
  if (ip) req.headers[clientIpHeader] = ip;
  else delete req.headers[clientIpHeader];
  void handle(req, res);
});

server.listen(port, hostname, () => console.log(`Listening on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`));

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 5000).unref();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A running import gets two seconds; after that its job is marked failed, and pg-boss retries
  // it (it resumes where it stopped) when a server starts again.
  await Promise.all([closed, stopJobQueue(2000).catch((error) => console.error('jobs: stopping the queue failed', error))]);
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
