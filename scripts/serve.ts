// The production HTTP server: Next's request handler behind a plain Node server, so that the
// client address used for sign-in throttling comes from the socket (see lib/auth/client-ip.ts).
// Used by `npm run demo`, `npm start` and the e2e tests.
import { createServer } from 'node:http';
import next from 'next';
import { clientIpHeader, resolveClientIp, trustedProxyHops } from '@/lib/auth/client-ip';

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '0.0.0.0';
const trusted = trustedProxyHops();

const app = next({ dev: false, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const forwarded = req.headers['x-forwarded-for'];
  const ip = resolveClientIp(Array.isArray(forwarded) ? forwarded.join(',') : forwarded, req.socket.remoteAddress, trusted);
  // Whatever the client sent in our header is replaced (or removed).
  if (ip) req.headers[clientIpHeader] = ip;
  else delete req.headers[clientIpHeader];
  void handle(req, res);
});

server.listen(port, hostname, () => console.log(`Listening on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`));

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
