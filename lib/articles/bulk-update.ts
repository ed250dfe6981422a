import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas } from '@/lib/auth/permissions';
import { db, type Tx } from '@/lib/db/client';
import { fromIsoDate, toIsoDate } from '@/lib/dates';
import { AppError } from '@/lib/errors';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { regionAncestorCodes } from '@/lib/regions/region-path';
import { statusAfterEdit } from '@/lib/workflow/transitions';
import { BULK_LIMIT, type BulkChange, type BulkUpdateInput, type BulkUpdateResult } from './bulk-schema';
import { writeRevisions } from './write-revision';

type LockedArticle = { id: string; status: ArticleStatus; version: number; contentDate: Date | null };

const notes: Record<BulkChange['kind'], string> = {
  addRegion: '批量添加地区',
  removeRegion: '批量移除地区',
  setContentDate: '批量设置内容日期',
};

/**
 * Applies one change to the selected articles as an edit of each: a new version, the status an
 * edit leads to (an approved or published version needs a new review), a revision and an audit
 * row, all in one transaction. Articles in the trash are skipped; articles already as asked are
 * left alone (no new version). The statements are set-based: their number does not grow with
 * the selection.
 */
export async function bulkUpdateArticles(actor: CurrentUser, input: BulkUpdateInput, ip?: string | null): Promise<BulkUpdateResult> {
  if (!roleHas(actor.role, 'article:edit')) throw new AppError('FORBIDDEN', '没有权限编辑文章');
  const ids = [...new Set(input.articleIds)];
  if (ids.length === 0) throw new AppError('INVALID', '请先选择文章');
  if (ids.length > BULK_LIMIT) throw new AppError('INVALID', `一次最多处理 ${BULK_LIMIT} 篇文章`);
  const { change } = input;
  const ancestors = change.kind === 'addRegion' ? regionAncestorCodes(change.regionCode) : null;
  if (change.kind === 'addRegion' && !ancestors) throw new AppError('INVALID', `地区代码 ${change.regionCode} 不存在`);

  return db.$transaction(async (tx) => {
    // Row locks, in id order so that two bulk edits over overlapping selections cannot deadlock;
    // a concurrent single save waits and then fails on the version it started from.
    const locked = await tx.$queryRaw<LockedArticle[]>`
      SELECT id, status::text AS status, version, "contentDate" FROM "Article"
      WHERE id = ANY(${ids}::text[]) AND "deletedAt" IS NULL
      ORDER BY id FOR UPDATE`;
    const skipped = ids.length - locked.length;
    const targets = await articlesToChange(tx, locked, change);
    if (targets.length === 0) return { changed: 0, unchanged: locked.length, skipped };
    const targetIds = targets.map((a) => a.id);

    if (change.kind === 'addRegion' && ancestors) {
      // An existing suggestion for the region becomes the editor's own tag.
      await tx.articleRegion.updateMany({
        where: { articleId: { in: targetIds }, regionCode: change.regionCode, origin: 'AUTO' },
        data: { origin: 'MANUAL', confidence: 1 },
      });
      await tx.articleRegion.createMany({
        data: targetIds.map((articleId) => ({ articleId, regionCode: change.regionCode, ...ancestors, origin: 'MANUAL' as const, confidence: 1 })),
        skipDuplicates: true,
      });
      // A region the editor tags by hand is no longer a rejected suggestion.
      await tx.$executeRaw`
        UPDATE "Article" SET "rejectedRegionCodes" = array_remove("rejectedRegionCodes", ${change.regionCode})
        WHERE id = ANY(${targetIds}::text[]) AND ${change.regionCode} = ANY("rejectedRegionCodes")`;
    } else if (change.kind === 'removeRegion') {
      await tx.articleRegion.deleteMany({ where: { articleId: { in: targetIds }, regionCode: change.regionCode } });
    }

    // One update per resulting status (at most two: DRAFT and CHANGES_REQUESTED).
    const byStatus = new Map<ArticleStatus, string[]>();
    for (const article of targets) {
      const to = statusAfterEdit(article.status);
      byStatus.set(to, [...(byStatus.get(to) ?? []), article.id]);
    }
    for (const [status, articleIds] of byStatus) {
      await tx.article.updateMany({
        where: { id: { in: articleIds } },
        data: {
          status,
          version: { increment: 1 },
          updatedById: actor.id,
          ...(change.kind === 'setContentDate' ? { contentDate: change.contentDate ? fromIsoDate(change.contentDate) : null } : {}),
        },
      });
    }

    await writeRevisions(tx, targetIds, actor.id, notes[change.kind]);
    await tx.auditEvent.createMany({
      data: targets.map((article) => ({
        actorId: actor.id,
        action: 'article.bulk-edit',
        entityType: 'Article',
        entityId: article.id,
        summary: { version: article.version + 1, from: article.status, to: statusAfterEdit(article.status), change },
        ip: ip ?? null,
      })),
    });
    return { changed: targets.length, unchanged: locked.length - targets.length, skipped };
  });
}

/** The locked articles the change would actually alter. */
async function articlesToChange(tx: Tx, locked: LockedArticle[], change: BulkChange): Promise<LockedArticle[]> {
  if (locked.length === 0) return [];
  if (change.kind === 'setContentDate') {
    return locked.filter((a) => (a.contentDate ? toIsoDate(a.contentDate) : null) !== change.contentDate);
  }
  const tagged = await tx.articleRegion.findMany({
    where: { articleId: { in: locked.map((a) => a.id) }, regionCode: change.regionCode },
    select: { articleId: true, origin: true },
  });
  if (change.kind === 'removeRegion') {
    const has = new Set(tagged.map((t) => t.articleId));
    return locked.filter((a) => has.has(a.id));
  }
  // Adding: articles without the tag, and those where it is only a suggestion (it gets confirmed).
  const manual = new Set(tagged.filter((t) => t.origin === 'MANUAL').map((t) => t.articleId));
  return locked.filter((a) => !manual.has(a.id));
}
