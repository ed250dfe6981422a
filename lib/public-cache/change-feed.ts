import type { Db, Tx } from '@/lib/db/client';
import { toIsoDate } from '@/lib/dates';
import { publicTags, tagsForChange, type LiveState } from './cache-tags';

// The change feed of the public site (PublicChange): a change to what readers see is written in
// the transaction that makes it, together with the cache tags it expires. Every server process
// reads the feed (scripts/serve.ts) and expires those tags in its cache, so a change made by
// another instance, a CLI import or a restore reaches every cache, on PostgreSQL and on the
// embedded database alike.

/** What the public site shows of an article now, as the transaction sees it. */
export async function readLiveState(tx: Tx, articleId: string): Promise<LiveState | null> {
  const article = await tx.article.findUnique({
    where: { id: articleId },
    select: {
      deletedAt: true,
      publishedRevision: { select: { slug: true, title: true, contentDate: true } },
      publishedRegions: { select: { regionCode: true, provinceCode: true, cityCode: true } },
    },
  });
  const rev = article?.publishedRevision;
  if (!article || !rev || article.deletedAt) return null;
  const regionCodes = new Set<string>();
  for (const r of article.publishedRegions) for (const code of [r.regionCode, r.provinceCode, r.cityCode]) if (code) regionCodes.add(code);
  return {
    id: articleId,
    slug: rev.slug,
    title: rev.title,
    regionCodes: [...regionCodes].sort(),
    month: rev.contentDate ? toIsoDate(rev.contentDate).slice(0, 7) : null,
  };
}

/**
 * Records the change of one article's live state; returns the tags it expires. `otherSlugs`:
 * addresses of the article besides its live ones whose answer changed too (older slugs that
 * became gone or redirect again: lib/public-cache/gone-slugs.ts).
 */
export async function recordPublicChange(tx: Tx, before: LiveState | null, after: LiveState | null, otherSlugs: string[] = []): Promise<string[]> {
  const tags = [...new Set([...tagsForChange(before, after), ...otherSlugs.map(publicTags.slug)])].sort();
  await recordTags(tx, tags);
  return tags;
}

/** Any fixed number: the lock that orders the feed's writers. */
const feedLock = 4207;

export async function recordTags(tx: Tx, tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  // Readers go by id, so ids must commit in order: a change that took id 10 and committed after
  // id 11 was read would be skipped. Writers take the id under a lock held until they commit
  // (only the end of a publish waits).
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${feedLock})`;
  await tx.publicChange.create({ data: { tags } });
}

export type FeedEntry = { id: bigint; tags: string[] };

/** The newest change's id (0 for an empty feed). */
export async function latestChangeId(db: Db): Promise<bigint> {
  const last = await db.publicChange.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return last?.id ?? 0n;
}

export async function readChangesAfter(db: Db, id: bigint): Promise<FeedEntry[]> {
  return db.publicChange.findMany({ where: { id: { gt: id } }, orderBy: { id: 'asc' }, take: 500, select: { id: true, tags: true } });
}

/** Changes a day old have reached every running server; a server started since reads none of them. */
export async function pruneChanges(db: Db, now = new Date()): Promise<void> {
  await db.publicChange.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } });
}
