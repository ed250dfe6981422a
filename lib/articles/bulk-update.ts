import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas } from '@/lib/auth/permissions';
import { db, type Tx } from '@/lib/db/client';
import { txSql } from '@/lib/db/sql';
import { toIsoDate } from '@/lib/dates';
import { AppError } from '@/lib/errors';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { regionAncestorCodes } from '@/lib/regions/region-path';
import { statusAfterEdit } from '@/lib/workflow/transitions';
import { BULK_LIMIT, type BulkChange, type BulkUpdateInput, type BulkUpdateResult } from './bulk-schema';
import { writeVersions, type NewVersion, type RegionRow } from './write-versions';

type LockedArticle = { id: string; status: ArticleStatus; version: number; contentDate: Date | null; rejectedRegionCodes: string[] };

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
  if (change.kind === 'addRegion' && !regionAncestorCodes(change.regionCode)) throw new AppError('INVALID', `地区代码 ${change.regionCode} 不存在`);

  return db.$transaction(async (tx) => {
    // Row locks, in id order so that two bulk edits over overlapping selections cannot deadlock;
    // a concurrent single save waits and then fails on the version it started from.
    const locked = await tx.$queryRaw<LockedArticle[]>`
      SELECT id, status::text AS status, version, "contentDate", "rejectedRegionCodes" FROM "Article"
      WHERE id = ANY(${ids}::text[]) AND "deletedAt" IS NULL
      ORDER BY id FOR UPDATE`;
    const skipped = ids.length - locked.length;
    const targets = await articlesToChange(tx, locked, change);
    if (targets.length === 0) return { changed: 0, unchanged: locked.length, skipped };
    const targetIds = targets.map((a) => a.id);

    const regionsOf = new Map<string, RegionRow[]>();
    if (change.kind !== 'setContentDate') {
      const rows = await tx.articleRegion.findMany({
        where: { articleId: { in: targetIds } },
        select: { articleId: true, regionCode: true, origin: true, confidence: true },
        orderBy: { regionCode: 'asc' },
      });
      for (const { articleId, ...row } of rows) regionsOf.set(articleId, [...(regionsOf.get(articleId) ?? []), row]);
    }
    const versions: NewVersion[] = targets.map((article) => {
      const others = (regionsOf.get(article.id) ?? []).filter((r) => r.regionCode !== (change.kind === 'setContentDate' ? null : change.regionCode));
      return {
        articleId: article.id,
        from: { version: article.version, status: article.status },
        set:
          change.kind === 'setContentDate'
            ? { contentDate: change.contentDate || null }
            : // A region the editor tags by hand is no longer a rejected suggestion; an existing
              // suggestion for it becomes the editor's own tag.
              change.kind === 'addRegion'
              ? { rejectedRegionCodes: article.rejectedRegionCodes.filter((code) => code !== change.regionCode) }
              : {},
        ...(change.kind === 'addRegion'
          ? { regions: { replace: 'all' as const, rows: [...others, { regionCode: change.regionCode, origin: 'MANUAL' as const, confidence: 1 }] } }
          : change.kind === 'removeRegion'
            ? { regions: { replace: 'all' as const, rows: others } }
            : {}),
        revision: { note: notes[change.kind] },
        audit: { action: 'article.bulk-edit', summary: { version: article.version + 1, from: article.status, to: statusAfterEdit(article.status), change } },
      };
    });
    await writeVersions(txSql(tx), versions, { actorId: actor.id, ip });
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
