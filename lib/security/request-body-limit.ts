import type { IncomingMessage, ServerResponse } from 'node:http';

// A cap on request bodies for scripts/serve.ts, checked before Next reads a byte. Past Next's own
// limits a request fails inside Next (a body cut short by proxy.ts's buffer, a 500 from a server
// action), so the server refuses it first with a 413 that the upload form can show.

/**
 * Answers 413 (and resolves false) when the body is larger than `limit`; otherwise resolves true
 * and the request goes on to Next unchanged. Must be called synchronously from the server's
 * 'request' handler, before anything reads the body.
 *
 * A declared Content-Length is checked up front (Node's parser never delivers more than it
 * declares). A body without one (chunked) is read here, up to the limit, and then handed back to
 * the request stream exactly as received, so that whoever reads it next sees a normal body.
 */
export async function enforceBodyLimit(req: IncomingMessage, res: ServerResponse, limit: number, message: string): Promise<boolean> {
  const declared = req.headers['content-length'];
  // Without Content-Length or Transfer-Encoding an HTTP/1.1 request has no body; with both, Node
  // refuses the request itself.
  const ok = declared !== undefined ? Number(declared) <= limit : req.headers['transfer-encoding'] === undefined || (await holdChunkedBody(req, limit));
  if (!ok) refuse(res, message);
  return ok;
}

/**
 * Node's HTTP parser hands each body chunk to `req.push` and ends with `req.push(null)`. Until
 * the body is complete, the chunks are kept here instead; a body that grows past the limit is
 * dropped, and Node discards the rest of it once the 413 is sent.
 */
function holdChunkedBody(req: IncomingMessage, limit: number): Promise<boolean> {
  const push = req.push;
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise((resolve) => {
    req.push = (chunk: Buffer | null): boolean => {
      if (chunk === null) {
        req.push = push;
        for (const held of chunks) push.call(req, held);
        push.call(req, null);
        resolve(true);
        return false;
      }
      size += chunk.length;
      if (size > limit) {
        req.push = push;
        chunks.length = 0;
        resolve(false);
        return true;
      }
      chunks.push(chunk);
      return true;
    };
  });
}

function refuse(res: ServerResponse, message: string): void {
  const body = Buffer.from(message, 'utf8');
  // Bare `text/plain` (no charset): Next's client shows such a body as the failed action's error.
  res.writeHead(413, { 'Content-Type': 'text/plain', 'Content-Length': body.length, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}
