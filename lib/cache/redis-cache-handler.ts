// Next's rendered-page (ISR / route) and data cache in Redis, shared by every app instance, through
// Next 16's documented `cacheHandler` interface (get / set / revalidateTag / resetRequestCache).
// next.config.ts points Next at lib/cache/next-cache-handler.ts, which builds the handler from
// REDIS_URL; without REDIS_URL Next keeps its own in-process cache.
//
// Why ours and not @fortedigital/nextjs-cache-handler 3.3.0 (peers next >= 16.1.5 and
// @redis/client >= 5.8.3; maintained, last release August 2026; ~500 kB, three dependencies):
// its Redis handler expires a tag by scanning a hash of every cached key's tags (HSCAN over all
// entries on each revalidation), ignores `revalidateTag`'s durations, and wraps the handler in a
// configuration layer (onCreation, composite handlers, build-time page copies) we do not need.
// What this app needs is Next's own rule — one timestamp per tag, compared with the entry's write
// time — which is a few Redis hash reads and writes. So this is that rule on @redis/client.
//
// Rules (the same as Next 16.4's file-system-cache.js and tags-manifest.external.js):
// - `revalidateTag(tags)` without durations expires the tags now; with durations it marks them
//   stale now and, when `expire` is given, expired `expire` seconds from now.
// - An entry is expired when one of its tags has an expiry that has passed and is later than the
//   entry's write time. The tags are the page's `x-next-cache-tags` header (its own tags, those of
//   the unstable_cache reads it made, and the implicit `_N_T_/…` path tags) or, for a data entry,
//   the tags and the soft (implicit) tags of the read.
// - Difference: an entry whose tag is only stale is also treated as a miss. Next decides
//   stale-while-revalidate from its in-process tag manifest, which a custom handler does not feed,
//   so serving it would serve the old version until the tag expires; a miss renders it anew.
//
// Redis is a cache here, never a dependency of the site: while it cannot be reached (or answers
// slower than `timeoutMs`), a get is a miss, a set is dropped, and a tag expiry is kept in memory
// and written again, with the time it is written, as soon as the connection is back.
import { deserialize, serialize } from 'node:v8';
import { createClient, RESP_TYPES } from '@redis/client';
import type { CacheHandler, CacheHandlerContext, CacheHandlerValue } from 'next/dist/server/lib/incremental-cache';

type HandlerMethods = Pick<CacheHandler, 'get' | 'set' | 'revalidateTag' | 'resetRequestCache'>;
type GetContext = Parameters<CacheHandler['get']>[1];
type SetData = Parameters<CacheHandler['set']>[1];
type SetContext = Parameters<CacheHandler['set']>[2];
type Durations = { expire?: number };

export type RedisCacheHandlerOptions = {
  /** redis://[user:password@]host:port[/db] */
  url: string;
  /** Prepended to every key, e.g. `baoda:`. */
  keyPrefix: string;
  /** Part of every entry's key: two builds must not share entries (a page names its build's script files). */
  buildId: string;
  /** A command slower than this counts as failed (a miss, a dropped write). Default 500 ms. */
  timeoutMs?: number;
  /** How long the first request waits for the initial connection. Default 1000 ms. */
  connectWaitMs?: number;
  /** The connection's name in Redis's CLIENT LIST. Default `baoda-cache`. */
  clientName?: string;
  /** Where failures are reported. Default console.error. */
  log?: (message: string, error?: unknown) => void;
};

/** What a stored entry holds; v8 serialization keeps the Buffers and the Map of a page entry. */
type StoredEntry = {
  lastModified: number;
  value: SetData;
  /** Data (unstable_cache) entries only: the tags given when it was written. */
  tags: string[];
  cacheControl?: CacheHandlerValue['cacheControl'];
};

// An entry never lives longer than this in Redis, so that a Redis shared by old builds does not
// fill up with their pages. The tag expiries have no time limit and are shared by every build
// (tags name content, not code; their number grows with the content, not with deploys): a Redis
// told to evict only keys with a time limit (maxmemory-policy volatile-lru, README) then drops
// pages, which renders them anew, and never an expiry, which would serve a page outdated.
const MAX_ENTRY_SECONDS = 30 * 24 * 60 * 60;
const CACHE_TAGS_HEADER = 'x-next-cache-tags';

/** The cacheHandler class for Next. Each call is one app instance: one Redis connection. */
export function createRedisCacheHandler(options: RedisCacheHandlerOptions) {
  const timeoutMs = options.timeoutMs ?? 500;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const entryKey = (key: string) => `${options.keyPrefix}${options.buildId}:entry:${key}`;
  const staleKey = `${options.keyPrefix}tags:stale`;
  const expiredKey = `${options.keyPrefix}tags:expired`;

  const client = createClient({
    url: options.url,
    name: options.clientName ?? 'baoda-cache',
    // Fail at once while disconnected instead of queueing until Redis is back: a request must
    // not wait for Redis.
    disableOfflineQueue: true,
    socket: { connectTimeout: timeoutMs },
    commandOptions: { timeout: timeoutMs },
  }).withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });

  // Report the first failure and the recovery, not every reconnection attempt.
  let reachable = true;
  client.on('error', (error: unknown) => {
    if (reachable) log('redis cache: Redis unreachable, serving without the shared cache', error);
    reachable = false;
  });
  client.on('ready', () => {
    if (!reachable) log('redis cache: Redis reachable again');
    reachable = true;
    flushing = writePendingExpiries();
  });

  // connect() keeps retrying while Redis is down; only the first request waits, and only briefly.
  let started: Promise<void> | undefined;
  async function ready(): Promise<boolean> {
    started ??= Promise.race([
      client.connect().then(
        () => undefined,
        (error: unknown) => log('redis cache: connecting failed', error),
      ),
      new Promise<void>((resolve) => setTimeout(resolve, options.connectWaitMs ?? 1000).unref()),
    ]);
    await started;
    await flushing;
    return client.isReady;
  }

  // Tag expiries that could not be written, replayed on reconnection (see the header comment).
  const pendingExpiries = new Map<string, { tag: string; durations?: Durations }>();
  let flushing: Promise<void> | undefined;

  async function writeExpiries(tags: string[], durations: Durations | undefined): Promise<void> {
    const now = Date.now();
    const multi = client.multi();
    for (const tag of tags) {
      if (durations) {
        multi.hSet(staleKey, tag, now);
        if (durations.expire !== undefined) multi.hSet(expiredKey, tag, now + durations.expire * 1000);
      } else {
        multi.hSet(expiredKey, tag, now);
      }
    }
    await multi.exec();
  }

  async function writePendingExpiries(): Promise<void> {
    const pending = [...pendingExpiries.values()];
    pendingExpiries.clear();
    for (const { tag, durations } of pending) {
      try {
        await writeExpiries([tag], durations);
      } catch (error) {
        pendingExpiries.set(pendingKey(tag, durations), { tag, durations });
        log('redis cache: writing a delayed tag expiry failed', error);
      }
    }
  }

  /** True when a tag was expired (or marked stale) after `lastModified`. */
  async function isOutdated(tags: string[], lastModified: number): Promise<boolean> {
    if (tags.length === 0) return false;
    const [stale, expired] = await Promise.all([client.hmGet(staleKey, tags), client.hmGet(expiredKey, tags)]);
    const now = Date.now();
    for (let i = 0; i < tags.length; i += 1) {
      const staleAt = stale[i] === null ? 0 : Number(stale[i]);
      const expiredAt = expired[i] === null ? 0 : Number(expired[i]);
      if (expiredAt <= now && expiredAt > lastModified) return true;
      if (staleAt > lastModified) return true;
    }
    return false;
  }

  return class RedisCacheHandler implements HandlerMethods {
    // Next constructs a handler per request; the connection above is shared by all of them.
    constructor(_context?: CacheHandlerContext) {}

    async get(key: string, context: GetContext): Promise<CacheHandlerValue | null> {
      try {
        if (!(await ready())) return null;
        const raw = await client.get(entryKey(key));
        if (raw === null) return null;
        const entry = deserialize(raw) as StoredEntry;
        const tags = entryTags(entry, context);
        if (await isOutdated(tags, entry.lastModified)) return null;
        return { lastModified: entry.lastModified, value: entry.value, cacheControl: entry.cacheControl };
      } catch (error) {
        log(`redis cache: get ${key} failed, rendering instead`, error);
        return null;
      }
    }

    async set(key: string, data: SetData, context: SetContext): Promise<void> {
      try {
        if (!(await ready())) return;
        const cacheControl = context.fetchCache ? undefined : context.cacheControl;
        const entry: StoredEntry = {
          lastModified: Date.now(),
          value: data,
          tags: context.fetchCache ? (context.tags ?? []) : [],
          cacheControl,
        };
        // Past its `expire` Next re-renders a page before serving it, so Redis may drop it then.
        const expire = cacheControl?.expire;
        const seconds = typeof expire === 'number' && Number.isFinite(expire) ? Math.min(Math.max(1, Math.ceil(expire)), MAX_ENTRY_SECONDS) : MAX_ENTRY_SECONDS;
        await client.set(entryKey(key), serialize(entry), { expiration: { type: 'EX', value: seconds } });
      } catch (error) {
        log(`redis cache: set ${key} failed, not cached`, error);
      }
    }

    async revalidateTag(tagOrTags: string | string[], durations?: Durations): Promise<void> {
      const tags = typeof tagOrTags === 'string' ? [tagOrTags] : tagOrTags;
      if (tags.length === 0) return;
      try {
        if (!(await ready())) throw new Error('Redis is not connected');
        await writeExpiries(tags, durations);
      } catch (error) {
        // While Redis is unreachable nothing is served from it, so nothing outdated can be served;
        // the expiry must still reach Redis before its old entries are served again.
        for (const tag of tags) pendingExpiries.set(pendingKey(tag, durations), { tag, durations });
        log(`redis cache: expiring ${tags.join(', ')} failed, will retry on reconnection`, error);
      }
    }

    resetRequestCache(): void {}

    /** Closes this instance's connection (tests, shutdown). */
    static async close(): Promise<void> {
      if (client.isOpen) await client.close();
    }
  };
}

function pendingKey(tag: string, durations: Durations | undefined): string {
  return `${tag}\n${durations ? String(durations.expire) : 'now'}`;
}

/** The tags an entry depends on, as Next 16.4's file-system cache reads them. */
function entryTags(entry: StoredEntry, context: GetContext): string[] {
  // Next's kinds are const enums of these strings (types only; nothing of Next is loaded here).
  const value = entry.value;
  const kind = value ? (value.kind as string) : undefined;
  if (value && (kind === 'APP_PAGE' || kind === 'APP_ROUTE' || kind === 'PAGES') && 'headers' in value) {
    const header = value.headers?.[CACHE_TAGS_HEADER];
    return typeof header === 'string' && header !== '' ? header.split(',') : [];
  }
  if ((context.kind as string) === 'FETCH' && 'softTags' in context) {
    return [...new Set([...entry.tags, ...(context.tags ?? []), ...(context.softTags ?? [])])];
  }
  return entry.tags;
}
