import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enforceBodyLimit } from './request-body-limit';

const limit = 1024;
let server: Server;
let port: number;

// Stands in for Next: echoes how many body bytes it read, once the limit let the request through.
beforeAll(async () => {
  server = createServer((req, res) => {
    void enforceBodyLimit(req, res, limit, '请求过大').then(async (allowed) => {
      if (!allowed) return;
      let size = 0;
      for await (const chunk of req) size += (chunk as Buffer).length;
      res.end(String(size));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends `chunks` (chunked when `chunked`), in separate writes so that they arrive as a stream. */
function send(chunks: Buffer[], chunked: boolean): Promise<{ status: number; type?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const total = chunks.reduce((sum, c) => sum + c.length, 0);
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/', headers: chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': total } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
      },
    );
    req.on('error', reject);
    let i = 0;
    const next = () => {
      if (i === chunks.length) return void req.end();
      req.write(chunks[i++], () => setImmediate(next));
    };
    next();
  });
}

const bytes = (n: number) => Buffer.alloc(n, 0x61);

describe('enforceBodyLimit', () => {
  it('passes bodies up to the limit through untouched, with or without Content-Length', async () => {
    expect(await send([bytes(limit)], false)).toMatchObject({ status: 200, body: String(limit) });
    expect(await send([bytes(400), bytes(400), bytes(224)], true)).toMatchObject({ status: 200, body: String(limit) });
    expect(await send([], true)).toMatchObject({ status: 200, body: '0' });
  });

  it('refuses a declared length over the limit with a 413 before reading it', async () => {
    expect(await send([bytes(limit + 1)], false)).toEqual({ status: 413, type: 'text/plain', body: '请求过大' });
  });

  it('refuses a chunked body once it passes the limit', async () => {
    expect(await send([bytes(800), bytes(800), bytes(800)], true)).toEqual({ status: 413, type: 'text/plain', body: '请求过大' });
  });

  it('leaves requests without a body alone', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port, method: 'GET', path: '/' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(200);
  });
});
