import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FORM_FIELDS, TOO_DEEP_MESSAGE, TOO_MANY_FIELDS_MESSAGE } from './form-body';
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
function send(chunks: Buffer[], chunked: boolean, headers: Record<string, string> = {}): Promise<{ status: number; type?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const total = chunks.reduce((sum, c) => sum + c.length, 0);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        headers: { ...headers, ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': total }) },
      },
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

describe('enforceBodyLimit on form posts and server actions', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const urlencoded = (n: number) => Buffer.from(Array.from({ length: n }, () => 'f=x').join('&'));

  it('passes a form within the limits through as it was sent, with or without Content-Length', async () => {
    const body = urlencoded(200);
    expect(await send([body], false, form)).toMatchObject({ status: 200, body: String(body.length) });
    expect(await send([body.subarray(0, 100), body.subarray(100)], true, form)).toMatchObject({ status: 200, body: String(body.length) });
  });

  it('refuses too many fields with a 413 and too deep arguments with a 400, in Chinese, before Next reads them', async () => {
    // 1,001 empty fields in 1,000 bytes (the test server's limit is 1,024).
    const many = Buffer.from('&'.repeat(MAX_FORM_FIELDS));
    expect(await send([many], false, form)).toEqual({ status: 413, type: 'text/plain', body: TOO_MANY_FIELDS_MESSAGE });
    expect(await send([many.subarray(0, 500), many.subarray(500)], true, form)).toEqual({ status: 413, type: 'text/plain', body: TOO_MANY_FIELDS_MESSAGE });
    const deep = Buffer.from(`${'['.repeat(100)}${']'.repeat(100)}`);
    expect(await send([deep], false, { 'content-type': 'text/plain;charset=UTF-8', 'next-action': '7f00' })).toEqual({
      status: 400,
      type: 'text/plain',
      body: TOO_DEEP_MESSAGE,
    });
    // The size limit still comes first.
    expect(await send([bytes(limit + 1)], false, form)).toEqual({ status: 413, type: 'text/plain', body: '请求过大' });
    expect(await send([bytes(800), bytes(800)], true, form)).toEqual({ status: 413, type: 'text/plain', body: '请求过大' });
  });
});
