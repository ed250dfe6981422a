import type { Db } from '@/lib/db/client';
import { deleteTrashedArticle } from './delete-permanently';
import { purgeCutoff } from './retention';

const batchSize = 100;

/**
 * The scheduled purge (lib/jobs): deletes every article moved to the trash more than 30 days
 * before `now`, each in its own transaction with its audit row (actor: none, the system). An
 * article restored meanwhile is skipped; a run that fails half-way leaves whole articles only,
 * and the next run goes on from there.
 */
export async function purgeExpiredTrash(db: Db, now = new Date()): Promise<{ purged: number }> {
  const cutoff = purgeCutoff(now);
  let purged = 0;
  for (;;) {
    const due = await db.article.findMany({
      where: { deletedAt: { lt: cutoff } },
      orderBy: [{ deletedAt: 'asc' }, { id: 'asc' }],
      take: batchSize,
      select: { id: true },
    });
    let deletedNow = 0;
    for (const { id } of due) {
      const deleted = await db.$transaction((tx) => deleteTrashedArticle(tx, { articleId: id, actorId: null, action: 'article.purge', trashedBefore: cutoff }));
      if (deleted) deletedNow += 1;
    }
    purged += deletedNow;
    if (due.length < batchSize || deletedNow === 0) return { purged };
  }
}
