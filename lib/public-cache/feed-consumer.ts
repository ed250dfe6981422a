import type { Db } from '@/lib/db/client';
import { latestChangeId, pruneChanges, readChangesAfter } from './change-feed';

// Reads the public change feed (./change-feed.ts) in a server process and hands the tags of each
// new change to `expire`. It starts from the oldest change kept (a day): re-expiring what a fresh
// cache does not hold costs nothing, and a shared cache (Redis) may hold pages from before this
// server started that a change made meanwhile, by a CLI say, has outdated.

export type FeedConsumer = { stop: () => Promise<void> };

export function startFeedConsumer(db: Db, expire: (tags: string[]) => Promise<void>, intervalMs = 200): FeedConsumer {
  let position = 0n;
  let stopped = false;
  let lastPrune = 0;
  let running: Promise<void> = Promise.resolve();

  async function tick() {
    if (Date.now() - lastPrune > 60 * 60 * 1000) {
      lastPrune = Date.now();
      await pruneChanges(db);
    }
    // One cheap query (the newest id, from the index) when nothing changed, which is most ticks.
    const latest = await latestChangeId(db);
    // A feed behind our position started over (an emptied or restored database): read it all.
    if (latest < position) position = 0n;
    while (position < latest) {
      const changes = await readChangesAfter(db, position);
      if (changes.length === 0) return;
      await expire([...new Set(changes.flatMap((c) => c.tags))]);
      position = changes[changes.length - 1].id;
    }
  }

  const timer = setInterval(() => {
    // One read at a time; a failed one (database or server briefly away) is tried again next tick.
    running = running.then(() => (stopped ? undefined : tick().catch((error) => console.error('public cache: reading the change feed failed', error))));
  }, intervalMs);
  timer.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
