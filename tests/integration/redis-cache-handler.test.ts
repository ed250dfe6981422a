// The Redis cache handler against the real Redis (127.0.0.1:6379, or REDIS_URL): two handler
// classes are two app instances, each with its own connection. Every run writes under its own key
// prefix and deletes it afterwards.
import { randomUUID } from 'node:crypto';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisCacheHandler } from '@/lib/cache/redis-cache-handler';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `baoda-test:${randomUUID()}:`;
const quiet = () => {};

const admin = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
admin.on('error', quiet);
const reachable = await admin.connect().then(
  () => true,
  () => false,
);
if (!reachable) console.warn(`Skipping the Redis cache handler tests: no Redis answers at ${url}.`);

type Handler = InstanceType<ReturnType<typeof createRedisCacheHandler>>;
type HandlerClass = ReturnType<typeof createRedisCacheHandler>;
const instances: HandlerClass[] = [];
function appInstance(options: Partial<Parameters<typeof createRedisCacheHandler>[0]> = {}): Handler {
  const Class = createRedisCacheHandler({ url, keyPrefix, buildId: 'build-1', log: quiet, ...options });
  instances.push(Class);
  return new Class({ revalidatedTags: [], _requestHeaders: {} });
}

// What Next hands the handler for a rendered page: html as a string, the RSC payload and segments
// as Buffers, and the page's tags (its own, its data reads' and the implicit path tags) in a header.
function pageValue(html: string, tags: string[]) {
  return {
    kind: 'APP_PAGE',
    html,
    rscData: Buffer.from(`rsc:${html}`),
    status: 200,
    postponed: undefined,
    headers: { 'x-next-cache-tags': tags.join(',') },
    segmentData: new Map([['/_index', Buffer.from('segment')]]),
  } as never;
}
const pageGet = { kind: 'APP_PAGE', isFallback: false } as never;
const pageSet = { cacheControl: { revalidate: false, expire: undefined } } as never;
const articleTags = ['public:article:1', '_N_T_/layout', '_N_T_/article/[slug]/page', '_N_T_/article/yibao'];

async function sleep(ms: number) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe.skipIf(!reachable)('Redis cache handler', () => {
  beforeAll(() => {
    expect(keyPrefix).toMatch(/^baoda-test:/);
  });

  afterAll(async () => {
    await Promise.all(instances.map((Class) => Class.close()));
    const keys: string[] = [];
    for await (const batch of admin.scanIterator({ MATCH: `${keyPrefix}*`, COUNT: 100 })) keys.push(...batch);
    if (keys.length > 0) await admin.del(keys);
    await admin.close();
  });

  it('keeps pages per build and for at most 30 days, and tag expiries for every build without a time limit', async () => {
    const oldBuild = appInstance();
    const newBuild = appInstance({ buildId: 'build-2' });
    await oldBuild.set('/route-cache/builds', pageValue('<p>旧版</p>', articleTags), pageSet);
    expect(await newBuild.get('/route-cache/builds', pageGet)).toBeNull();
    await newBuild.set('/route-cache/builds', pageValue('<p>新版</p>', articleTags), pageSet);
    await sleep(5);

    // An expiry written by either build outdates the other's pages too.
    await oldBuild.revalidateTag('public:article:1');
    expect(await newBuild.get('/route-cache/builds', pageGet)).toBeNull();

    // A Redis evicting only keys with a time limit (volatile-lru) can drop pages, never an expiry.
    const ttl = await admin.ttl(`${keyPrefix}build-2:entry:/route-cache/builds`);
    expect(ttl).toBeGreaterThan(29 * 24 * 60 * 60);
    expect(ttl).toBeLessThanOrEqual(30 * 24 * 60 * 60);
    expect(await admin.ttl(`${keyPrefix}tags:expired`)).toBe(-1);
  });

  it('returns what was set, Buffers and Map included, on another instance too', async () => {
    const a = appInstance();
    const b = appInstance();
    await a.set('/route-cache/roundtrip', pageValue('<p>一</p>', articleTags), pageSet);

    const hit = await b.get('/route-cache/roundtrip', pageGet);
    expect(hit).not.toBeNull();
    const value = hit!.value as unknown as { html: string; rscData: Buffer; segmentData: Map<string, Buffer> };
    expect(value.html).toBe('<p>一</p>');
    expect(Buffer.isBuffer(value.rscData)).toBe(true);
    expect(value.rscData.toString()).toBe('rsc:<p>一</p>');
    expect(value.segmentData.get('/_index')?.toString()).toBe('segment');
    expect(hit!.lastModified).toBeLessThanOrEqual(Date.now());
    expect(hit!.cacheControl).toEqual({ revalidate: false, expire: undefined });
    expect(await b.get('/route-cache/never-set', pageGet)).toBeNull();
  });

  it('a tag expired on one instance is expired on the other; an entry written afterwards is fresh', async () => {
    const a = appInstance();
    const b = appInstance();
    await b.set('/route-cache/expiry', pageValue('old', ['public:article:2', '_N_T_/article/two']), pageSet);
    await b.set('/route-cache/other', pageValue('other', ['public:article:3']), pageSet);
    await sleep(2);

    // What the change feed's route handler calls: revalidateTag(tag, { expire: 0 }).
    await a.revalidateTag(['public:article:2'], { expire: 0 });

    expect(await b.get('/route-cache/expiry', pageGet)).toBeNull();
    expect(await a.get('/route-cache/expiry', pageGet)).toBeNull();
    expect(await b.get('/route-cache/other', pageGet)).not.toBeNull();

    await sleep(2);
    await b.set('/route-cache/expiry', pageValue('new', ['public:article:2', '_N_T_/article/two']), pageSet);
    const fresh = await a.get('/route-cache/expiry', pageGet);
    expect((fresh?.value as unknown as { html: string } | undefined)?.html).toBe('new');
  });

  it('expires through implicit path tags (revalidatePath) and through soft tags of data reads', async () => {
    const a = appInstance();
    const b = appInstance();
    await a.set('/route-cache/implicit', pageValue('page', articleTags), pageSet);
    const data = { kind: 'FETCH', data: { headers: {}, body: '{"title":"一"}', url: '', status: 200 }, revalidate: 60 } as never;
    await a.set('data-key', data, { fetchCache: true, tags: ['public:home'] } as never);
    const dataGet = (softTags: string[]) => ({ kind: 'FETCH', tags: ['public:home'], softTags }) as never;
    expect(await b.get('data-key', dataGet(['_N_T_/layout', '_N_T_/region/11']))).not.toBeNull();
    await sleep(2);

    // revalidatePath('/article/yibao') arrives as its implicit tag, without durations.
    await b.revalidateTag('_N_T_/article/yibao');
    expect(await a.get('/route-cache/implicit', pageGet)).toBeNull();
    // The data entry is read from a page whose soft tags include that path only in the second read.
    expect(await a.get('data-key', dataGet(['_N_T_/layout', '_N_T_/region/11']))).not.toBeNull();
    expect(await a.get('data-key', dataGet(['_N_T_/layout', '_N_T_/article/yibao']))).toBeNull();
    // The entry's own tag expires it whatever the soft tags.
    await b.revalidateTag(['public:home'], { expire: 0 });
    expect(await a.get('data-key', dataGet([]))).toBeNull();
  });

  it('a tag expiry in the future marks the entry stale now (a miss) and leaves later entries alone', async () => {
    const a = appInstance();
    await a.set('/route-cache/later', pageValue('v1', ['public:region:11']), pageSet);
    await sleep(2);
    await a.revalidateTag(['public:region:11'], { expire: 3600 });
    expect(await a.get('/route-cache/later', pageGet)).toBeNull();
    await sleep(2);
    await a.set('/route-cache/later', pageValue('v2', ['public:region:11']), pageSet);
    expect(await a.get('/route-cache/later', pageGet)).not.toBeNull();
  });

  it('with Redis unreachable a get is a miss, a set is dropped and nothing throws', async () => {
    const down = appInstance({ url: 'redis://127.0.0.1:1', timeoutMs: 200, connectWaitMs: 200 });
    const started = Date.now();
    await expect(down.get('/route-cache/roundtrip', pageGet)).resolves.toBeNull();
    await expect(down.set('/route-cache/down', pageValue('x', []), pageSet)).resolves.toBeUndefined();
    await expect(down.revalidateTag(['public:article:1'], { expire: 0 })).resolves.toBeUndefined();
    await expect(down.get('/route-cache/roundtrip', pageGet)).resolves.toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await admin.exists(`${keyPrefix}build-1:entry:/route-cache/down`)).toBe(0);
  });

  it('an expiry that failed while Redis was down is written when the connection is back', async () => {
    const clientA = `baoda-test-${randomUUID()}`;
    const a = appInstance({ clientName: clientA });
    const b = appInstance();
    await b.set('/route-cache/outage', pageValue('old', ['public:article:9']), pageSet);
    expect(await a.get('/route-cache/outage', pageGet)).not.toBeNull();
    await sleep(2);

    // Cut instance A's connection (as a Redis restart or a network fault would) and expire the tag
    // at once: whether the write fails and is replayed on reconnection or goes out on the new
    // connection, it must reach Redis. Only A's connection is cut (Redis may be shared).
    const clients = String(await admin.sendCommand(['CLIENT', 'LIST']));
    const line = clients.split('\n').find((entry) => entry.includes(` name=${clientA} `));
    const id = /(?:^|\s)id=(\d+)/.exec(line ?? '')?.[1];
    expect(id).toBeDefined();
    await admin.sendCommand(['CLIENT', 'KILL', 'ID', id!]);
    await a.revalidateTag(['public:article:9'], { expire: 0 });
    await expect.poll(() => b.get('/route-cache/outage', pageGet), { timeout: 5000 }).toBeNull();
  });
});
