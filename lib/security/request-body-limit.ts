import type { IncomingMessage, ServerResponse } from 'node:http';
import { formBodyRefusal, isFormOrActionRequest } from './form-body';

// A cap on request bodies for scripts/serve.ts, checked before Next reads a byte. Past Next's own
// limits a request fails inside Next (a body cut short by proxy.ts's buffer, a 500 from a server
// action), so the server refuses it first with a 413 that the upload form can show. A form post or
// a server action is also held until it is complete and checked for its number of fields and the
// nesting of its arguments (./form-body.ts), which Next would otherwise fail on with a 500.

/**
 * Answers 413 (or 400, see ./form-body.ts) and resolves false when the body is refused; otherwise
 * resolves true and the request goes on to Next with its body as received. Must be called
 * synchronously from the server's 'request' handler, before anything reads the body.
 *
 * A declared Content-Length is checked up front (Node's parser never delivers more than it
 * declares). A body that must be read to be checked (chunked, or a form or action) is read here,
 * up to the limit, and then handed back to the request stream, so that whoever reads it next sees
 * a normal body.
 */
export async function enforceBodyLimit(req: IncomingMessage, res: ServerResponse, limit: number, message: string): Promise<boolean> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) return refuse(res, 413, message);
  // Without Content-Length or Transfer-Encoding an HTTP/1.1 request has no body; with both, Node
  // refuses the request itself.
  const chunked = req.headers['transfer-encoding'] !== undefined;
  const checked = (declared !== undefined || chunked) && isFormOrActionRequest(req.method, req.headers);
  // Any other body goes on untouched, unless its size is not declared.
  if (!checked && !chunked) return true;
  const chunks = await holdBody(req, limit);
  if (!chunks) return refuse(res, 413, message);
  if (!checked) return release(req, chunks);
  // One buffer: the check searches the whole body, and it goes on to Next as one chunk.
  const body = Buffer.concat(chunks);
  chunks.length = 0;
  const refusal = formBodyRefusal(body, req.headers);
  return refusal ? refuse(res, refusal.status, refusal.message) : release(req, [body]);
}

/**
 * Node's HTTP parser hands each body chunk to `req.push` and ends with `req.push(null)`. Until
 * the body is complete, the chunks are kept here instead; a body that grows past the limit is
 * dropped (null), and Node discards the rest of it once the 413 is sent.
 */
function holdBody(req: IncomingMessage, limit: number): Promise<Buffer[] | null> {
  const push = req.push;
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise((resolve) => {
    req.push = (chunk: Buffer | null): boolean => {
      if (chunk === null) {
        req.push = push;
        resolve(chunks);
        return false;
      }
      size += chunk.length;
      if (size > limit) {
        req.push = push;
        chunks.length = 0;
        resolve(null);
        return true;
      }
      chunks.push(chunk);
      return true;
    };
  });
}

/** Hands a held body back to the request stream, as Node's parser would have. */
function release(req: IncomingMessage, chunks: Buffer[]): true {
  for (const chunk of chunks) req.push(chunk);
  req.push(null);
  return true;
}

function refuse(res: ServerResponse, status: number, message: string): false {
  const body = Buffer.from(message, 'utf8');
  // Bare `text/plain` (no charset): Next's client shows such a body as the failed action's error.
  res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': body.length, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
  return false;
}
