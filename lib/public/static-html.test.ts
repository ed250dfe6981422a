import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import compression from 'compression';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RewriteMemo, rewriteHtmlResponse, stripClientRuntime } from './static-html';

// The shape of a page as Next 16 renders it: runtime chunks, their preloads, the bootstrap and
// inline page data (with `<` escaped), a JSON-LD block of ours.
const page = [
  '<!DOCTYPE html><html lang="zh-CN"><head><meta charSet="utf-8"/>',
  '<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>',
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>',
  '<link rel="modulepreload" href="/_next/static/chunks/c.js"/>',
  '<link rel="preload" href="/psb-badge.svg" as="image"/>',
  '<script src="/_next/static/chunks/b.js" async=""></script>',
  '<script src="/_next/static/chunks/poly.js" noModule=""></script>',
  '<title>居民医保断缴怎么办 · 保答</title></head><body>',
  '<main><h1>居民医保断缴怎么办</h1><p>断缴后<a href="/a/x">补缴</a>。</p></main>',
  '<script type="application/ld+json">{"@type":"QAPage","name":"居民医保\\u003c断缴"}</script>',
  '<script id="_R_">self.__next_r="abc"</script>',
  '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
  '<script>self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n\\u003c/script\\u003e"])</script>',
  '</body></html>',
].join('');

// Over the compression package's 1 kB threshold once rewritten.
const longPage = page.replace('</main>', `${'<p>参保人员在缴费期内未缴费的，视为断缴。</p>'.repeat(40)}</main>`);

describe('stripClientRuntime', () => {
  it('takes out every script, script preload and inline page data', () => {
    const html = stripClientRuntime(page);
    expect(html).not.toMatch(/<script(?![^>]*ld\+json)/);
    expect(html).not.toContain('__next_f');
    expect(html).not.toContain('b.js');
    expect(html).not.toContain('c.js');
    expect(html).not.toContain('poly.js');
  });

  it('keeps the page itself: content, styles, image hints, title and JSON-LD', () => {
    const html = stripClientRuntime(page);
    expect(html).toContain('<main><h1>居民医保断缴怎么办</h1><p>断缴后<a href="/a/x">补缴</a>。</p></main>');
    expect(html).toContain('<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>');
    expect(html).toContain('<link rel="preload" href="/psb-badge.svg" as="image"/>');
    expect(html).toContain('<title>居民医保断缴怎么办 · 保答</title>');
    expect(html).toContain('<script type="application/ld+json">{"@type":"QAPage","name":"居民医保\\u003c断缴"}</script>');
    expect(html.startsWith('<!DOCTYPE html><html lang="zh-CN"><head>')).toBe(true);
    expect(html.endsWith('</body></html>')).toBe(true);
  });

  it('leaves a page without scripts as it is', () => {
    const plain = '<!DOCTYPE html><html><body><p>无脚本</p></body></html>';
    expect(stripClientRuntime(plain)).toBe(plain);
  });
});

// A real server with the app server's layers: compression innermost, a status mapping, the
// rewrite outermost; each route answers the way Next does (chunks, headers set or given).
describe('rewriteHtmlResponse', () => {
  const compress = compression();
  const routes: Record<string, (res: ServerResponse) => void> = {
    '/chunked': (res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.write(page.slice(0, 100));
      res.write(Buffer.from(page.slice(100, 400)));
      res.end(page.slice(400));
    },
    '/long': (res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(longPage);
    },
    '/tagged': (res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('ETag', '"page-v1"');
      res.write(page.slice(0, 50));
      res.end(page.slice(50));
    },
    '/explicit-head': (res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(page)), 'X-Kept': 'yes' });
      res.end(page);
    },
    '/gone': (res) => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(page);
    },
    '/script.js': (res) => {
      res.setHeader('Content-Type', 'application/javascript');
      res.write('<script>not html</script>'.repeat(100));
      res.end();
    },
    '/not-modified': (res) => {
      res.statusCode = 304;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end();
    },
  };
  const memo = new RewriteMemo(1024 * 1024);
  let rewrites = 0;
  const counted = (html: string) => {
    rewrites += 1;
    return stripClientRuntime(html);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    compress(req as never, res as never, () => {});
    const writeHead = res.writeHead.bind(res);
    res.writeHead = ((status: number, ...rest: []) => writeHead(status === 404 ? 410 : status, ...rest)) as typeof res.writeHead;
    rewriteHtmlResponse(req.method, res, counted, memo);
    routes[req.url ?? '']?.(res);
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends HTML written in chunks rewritten, in one piece of the right length', async () => {
    const response = await fetch(`${base}/chunked`, { headers: { 'accept-encoding': 'identity' } });
    const body = await response.text();
    expect(body).toBe(stripClientRuntime(page));
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
  });

  it('compresses the rewritten page for a client that accepts gzip', async () => {
    const response = await new Promise<IncomingMessage>((resolve) => request(`${base}/long`, { headers: { 'accept-encoding': 'gzip' } }, resolve).end());
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(Buffer.concat(chunks)).toString('utf8')).toBe(stripClientRuntime(longPage));
  });

  it('keeps headers given to writeHead and replaces their Content-Length', async () => {
    const response = await fetch(`${base}/explicit-head`, { headers: { 'accept-encoding': 'identity' } });
    const body = await response.text();
    expect(response.headers.get('x-kept')).toBe('yes');
    expect(body).toBe(stripClientRuntime(page));
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(body));
  });

  it('sends the status through the wrappers inside it', async () => {
    const response = await fetch(`${base}/gone`);
    expect(response.status).toBe(410);
    expect(await response.text()).toBe(stripClientRuntime(page));
  });

  it('rewrites a page with an ETag once, then sends the remembered result', async () => {
    const before = rewrites;
    const first = await (await fetch(`${base}/tagged`, { headers: { 'accept-encoding': 'identity' } })).text();
    const second = await fetch(`${base}/tagged`, { headers: { 'accept-encoding': 'identity' } });
    expect(first).toBe(stripClientRuntime(page));
    expect(await second.text()).toBe(first);
    expect(second.headers.get('content-length')).toBe(String(Buffer.byteLength(first)));
    expect(rewrites - before).toBe(1);
  });

  it('keeps the memo within its size, dropping the least recently used page', () => {
    const small = new RewriteMemo(10);
    small.set('a', Buffer.from('aaaa'));
    small.set('b', Buffer.from('bbbb'));
    small.get('a');
    small.set('c', Buffer.from('cccc'));
    expect(small.get('b')).toBeUndefined();
    expect(small.get('a')?.toString()).toBe('aaaa');
    expect(small.get('c')?.toString()).toBe('cccc');
  });

  it('passes anything but HTML through untouched', async () => {
    const response = await fetch(`${base}/script.js`);
    expect(await response.text()).toBe('<script>not html</script>'.repeat(100));
  });

  it('answers HEAD and 304 without a body or a stale length', async () => {
    const head = await fetch(`${base}/explicit-head`, { method: 'HEAD', headers: { 'accept-encoding': 'identity' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBeNull();
    const notModified = await fetch(`${base}/not-modified`);
    expect(notModified.status).toBe(304);
  });
});
