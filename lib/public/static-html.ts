// Public pages are sent as plain HTML and CSS, without Next's client runtime. They have no client
// components: every link is an <a>, the search box a GET form, so hydrating them would only cost
// a phone's main thread (1–2 s of Lighthouse's total blocking time at 4× slowdown) and the reader's
// data (three quarters of a page's bytes are the scripts and their inline page data). Without
// scripts their Content-Security-Policy can forbid scripts altogether (lib/security/headers.ts).
// App Router has no switch for this, so the app server (scripts/lib/app-server.ts) rewrites the
// HTML Next renders, cached or not, on its way out.
import type { ServerResponse } from 'node:http';

// A script element with its content. Next's inline page data never contains `</script>` (React
// escapes `<` in it), so the first closing tag ends the element. JSON-LD data blocks are kept:
// they are data for search engines, not scripts, and a policy without scripts still allows them.
const scriptElement = /<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi;
const dataBlockType = /\btype\s*=\s*["']?application\/ld\+json\b/i;
// Hints that fetch scripts early: <link rel="preload" as="script"> and <link rel="modulepreload">.
const scriptHint = /<link\b(?=[^>]*(?:\bas="script"|\brel="modulepreload"))[^>]*>/gi;

/** The page without its scripts, inline page data and script preloads; JSON-LD blocks stay. */
export function stripClientRuntime(html: string): string {
  return html.replace(scriptElement, (element, attributes: string) => (dataBlockType.test(attributes) ? element : '')).replace(scriptHint, '');
}

/**
 * Rewritten pages by the ETag Next gave the original (a hash of its content, so the same tag is
 * the same page): a cached page is rewritten once, not on every request, which keeps the
 * per-request work and garbage (and so the tail latency) where they were. Least recently used
 * pages go first beyond `maxBytes`.
 */
export class RewriteMemo {
  private readonly pages = new Map<string, Buffer>();
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}

  get(etag: string): Buffer | undefined {
    const page = this.pages.get(etag);
    if (page) {
      this.pages.delete(etag);
      this.pages.set(etag, page);
    }
    return page;
  }

  set(etag: string, page: Buffer): void {
    if (page.length > this.maxBytes || this.pages.has(etag)) return;
    this.pages.set(etag, page);
    this.bytes += page.length;
    for (const [oldest, old] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.pages.delete(oldest);
      this.bytes -= old.length;
    }
  }
}

/**
 * Rewrites the body of `res` when it turns out to be HTML (by its Content-Type once the handler
 * starts to answer): the chunks are collected and sent rewritten in one piece, with the new
 * Content-Length. Anything else (static files, XML, redirects, 304s, HEAD) passes through; a
 * HEAD answer loses its Content-Length, which would describe the unrewritten body.
 * Install it outside whatever else wraps `res` (status mapping, compression): what it sends goes
 * through them.
 */
export function rewriteHtmlResponse(method: string | undefined, res: ServerResponse, rewrite: (html: string) => string, memo?: RewriteMemo): void {
  const writeHead = res.writeHead.bind(res) as (status: number) => ServerResponse;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const flushHeaders = res.flushHeaders.bind(res);
  let mode: 'undecided' | 'collect' | 'pass' = 'undecided';
  let sending = false;
  const chunks: Buffer[] = [];
  // A page rewritten before: what the handler writes is not needed.
  let remembered: Buffer | undefined;
  let etag: string | null = null;

  const decide = () => {
    if (mode !== 'undecided') return;
    const type = String(res.getHeader('content-type') ?? '');
    const hasBody = method !== 'HEAD' && res.statusCode !== 204 && res.statusCode !== 304;
    mode = hasBody && type.startsWith('text/html') ? 'collect' : 'pass';
    if (method === 'HEAD' && type.startsWith('text/html')) res.removeHeader('content-length');
    const tag = res.getHeader('etag');
    if (mode === 'collect' && memo && typeof tag === 'string') {
      etag = tag;
      remembered = memo.get(tag);
    }
  };
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (remembered || chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
  };
  const callbackOf = (args: unknown[]) => args.find((arg): arg is () => void => typeof arg === 'function');

  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (sending) return writeHead(status);
    // Headers given here are set on the response, so that they are there when it is sent.
    const headers = rest.find((arg) => typeof arg === 'object' && arg !== null);
    res.statusCode = status;
    if (Array.isArray(headers)) for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(String(headers[i]), headers[i + 1] as string);
    else if (headers) for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value as string);
    decide();
    if (mode === 'pass') writeHead(status);
    return res;
  }) as typeof res.writeHead;

  res.flushHeaders = () => {
    decide();
    if (mode === 'pass') flushHeaders();
  };

  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    decide();
    if (mode === 'pass') return write(chunk, ...rest);
    collect(chunk, rest[0]);
    callbackOf(rest)?.();
    return true;
  }) as typeof res.write;

  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    decide();
    if (mode === 'pass') return end(chunk, ...rest);
    collect(chunk, rest[0]);
    let body = remembered;
    if (!body) {
      body = Buffer.from(rewrite(Buffer.concat(chunks).toString('utf8')), 'utf8');
      if (etag && res.statusCode === 200) memo?.set(etag, body);
    }
    res.setHeader('content-length', body.length);
    sending = true;
    writeHead(res.statusCode);
    const done = callbackOf([chunk, ...rest]);
    return done ? end(body, done) : end(body);
  }) as typeof res.end;
}
