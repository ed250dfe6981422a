import 'server-only';
import { revalidateTag, updateTag } from 'next/cache';

// Expiring public pages in this server's cache (or in the shared one, with REDIS_URL). Every
// change also goes through the change feed (./change-feed.ts), which reaches every server; a
// server action expires its own change at once as well, so the person who made it sees it on
// their next request.

/** In a server action: expired now, and read-your-own-writes for the acting user. */
export function expireInAction(tags: string[]): void {
  for (const tag of tags) updateTag(tag);
}

/** In a route handler: expired now; the next request for such a page renders it again. */
export function expireTags(tags: string[]): void {
  for (const tag of tags) revalidateTag(tag, { expire: 0 });
}
