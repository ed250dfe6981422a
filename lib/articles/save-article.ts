import { db, type Tx } from '@/lib/db/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas } from '@/lib/auth/permissions';
import { validateBodyDoc } from '@/lib/content/body-schema';
import { txSql } from '@/lib/db/sql';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { statusAfterEdit } from '@/lib/workflow/transitions';
import { editorRegionTags } from './region-tags';
import type { RecommendationInput, SaveArticleInput } from './schemas';
import { assertNoOtherEditor } from './edit-lock';
import { slugInUse } from './slug-in-use';
import { AUTOSAVE_NOTE } from './write-revision';
import { StaleVersionError, writeVersions, type ItemRow } from './write-versions';

export type SaveOptions = {
  /** Names the revision (a restore names the version it brings back). */
  note?: string;
  /** The editor saved on its own after typing stopped (see below). */
  autosave?: boolean;
  /**
   * A manual save with nothing typed since the last autosave: closes the open autosave revision
   * under `note` instead of writing the same content as a new version (the content sent is then
   * not written; without an open revision it is an ordinary save).
   */
  closeAutosave?: boolean;
};

/**
 * Saves the editor's working copy as a new version and revision. The write is conditional on
 * the version the editor started from: a concurrent save makes the second one fail with a
 * conflict instead of overwriting; so does a save while someone else holds the edit lock.
 *
 * Autosaves do not write a revision each: consecutive saves by the same person while the
 * article's status stays as it is grow one revision (the newest, written by an autosave of
 * theirs, not live and not reviewed), which a manual save then closes under its own note. Another
 * person's save, a workflow step or a review starts the next one. Only the save that opens a
 * revision is audited, so the log shows an editing session once.
 */
export async function saveArticle(
  actor: CurrentUser,
  input: SaveArticleInput,
  ip?: string | null,
  { note = '编辑保存', autosave = false, closeAutosave = false }: SaveOptions = {},
) {
  if (!roleHas(actor.role, 'article:edit')) throw new AppError('FORBIDDEN', '没有权限编辑文章');
  // Its own message (正文嵌套层级过深 …), which the editor shows.
  const body = validateBodyDoc(input.body);
  if (!body.ok) throw new AppError('INVALID', body.error);

  try {
    return await db.$transaction(async (tx) => {
      const current = await tx.article.findFirst({
        where: { id: input.id, deletedAt: null },
        select: { status: true, version: true, rejectedRegionCodes: true },
      });
      if (!current) throw new AppError('NOT_FOUND', '文章不存在或已删除');
      if (current.version !== input.version) {
        throw new AppError('CONFLICT', `保存冲突：这篇文章已被他人修改（当前版本 ${current.version}），你的修改尚未保存。`);
      }
      await assertNoOtherEditor(tx, actor, input.id);
      if (await slugInUse(tx, input.slug, input.id)) throw new AppError('INVALID', '链接名已被其他文章使用，请换一个');
      const status = statusAfterEdit(current.status);
      const open = status === current.status ? await openAutosaveRevision(tx, actor, input.id, current.version) : null;
      if (open && closeAutosave && !autosave) {
        await tx.revision.update({ where: { id: open }, data: { note } });
        await recordAudit(tx, {
          actorId: actor.id,
          action: 'article.save',
          entityType: 'Article',
          entityId: input.id,
          summary: { version: current.version, from: current.status, to: current.status },
          ip,
        });
        return { version: current.version, status: current.status, slug: input.slug };
      }
      const existingRegions = await tx.articleRegion.findMany({ where: { articleId: input.id }, select: { regionCode: true, origin: true, confidence: true } });
      const regions = editorRegionTags(existingRegions, current.rejectedRegionCodes, input.regions, input.rejectedRegionCodes);
      const items = await checkedRecommendations(tx, input.id, input.recommendations);
      const [written] = await writeVersions(
        txSql(tx),
        [
          {
            articleId: input.id,
            from: { version: current.version, status: current.status },
            set: {
              title: input.title,
              slug: input.slug,
              summary: input.summary,
              disclaimer: input.disclaimer,
              contentDate: input.contentDate || null,
              body: body.doc,
              rejectedRegionCodes: regions.rejectedRegionCodes,
            },
            regions: { replace: 'all', rows: regions.rows },
            items,
            revision: { note: autosave ? AUTOSAVE_NOTE : note, replaces: open },
            // Only the save that opens a revision is audited.
            audit:
              !open || !autosave
                ? {
                    action: 'article.save',
                    summary: { version: current.version + 1, from: current.status, to: status, ...(autosave ? { autosave: true } : {}) },
                  }
                : null,
          },
        ],
        { actorId: actor.id, ip },
      );
      return { version: written.version, status: written.status, slug: input.slug };
    });
  } catch (error) {
    if (error instanceof StaleVersionError) throw new AppError('CONFLICT', '保存冲突：这篇文章已被他人修改，请刷新页面。');
    const code = sqlState(error);
    if (code === '23505') throw new AppError('INVALID', '链接名已被其他文章使用，请换一个');
    if (code === '23503') throw new AppError('INVALID', '地区或推荐链接的目标不存在');
    throw error;
  }
}

/** The PostgreSQL error code behind a failed statement, through Prisma's plain or raw queries. */
function sqlState(error: unknown): string | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  if (error.code === 'P2002') return '23505';
  if (error.code === 'P2003') return '23503';
  const meta = error.meta as { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined;
  const raw = meta?.code ?? meta?.driverAdapterError?.cause?.originalCode;
  return typeof raw === 'string' ? raw : null;
}

/** The newest revision when it is this person's autosave at `version`, not live and not reviewed: the one to grow. */
async function openAutosaveRevision(tx: Tx, actor: CurrentUser, articleId: string, version: number): Promise<string | null> {
  const newest = await tx.revision.findFirst({
    where: { articleId },
    orderBy: { articleVersion: 'desc' },
    select: { id: true, articleVersion: true, authorId: true, note: true, publishedFor: { select: { id: true } } },
  });
  if (!newest || newest.note !== AUTOSAVE_NOTE || newest.authorId !== actor.id || newest.articleVersion !== version || newest.publishedFor) return null;
  const reviewed = await tx.review.count({ where: { articleId, articleVersion: version } });
  return reviewed ? null : newest.id;
}

/**
 * The editor's list, its links checked: a new link needs an article that is not in the trash; a
 * link the list already had may keep pointing at one (it links again once that article is
 * restored and live; lib/trash).
 */
async function checkedRecommendations(tx: Tx, articleId: string, items: RecommendationInput[]): Promise<ItemRow[]> {
  const targets = [...new Set(items.map((i) => i.targetArticleId).filter((t): t is string => !!t))];
  if (targets.includes(articleId)) throw new AppError('INVALID', '推荐条目不能链接到文章自身');
  if (targets.length) {
    const previous = await tx.recommendationItem.findMany({ where: { articleId, targetArticleId: { not: null } }, select: { targetArticleId: true } });
    const kept = previous.map((i) => i.targetArticleId).filter((t): t is string => !!t);
    const found = await tx.article.count({ where: { id: { in: targets }, OR: [{ deletedAt: null }, { id: { in: kept } }] } });
    if (found !== targets.length) throw new AppError('INVALID', '推荐条目链接的文章不存在');
  }
  return items.map((item) => ({
    title: item.title,
    summary: item.summary,
    category: item.category,
    itemDate: item.itemDate || null,
    targetArticleId: item.targetArticleId || null,
  }));
}
