import { recordAudit } from '@/lib/audit/record-audit';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { canDeleteArticle } from '@/lib/workflow/policy';
import { noSchedule, takeDownLivePage, type TransitionInput } from '@/lib/workflow/workflow';

/**
 * Moves an article to the trash, in one transaction: a live article is unpublished first, by the
 * workflow's own unpublish (its addresses answer 410, search and the public change feed follow),
 * then it is marked deleted by the actor. The write is conditional on the version, status and
 * liveness the rules were checked on, so a concurrent change makes it fail instead.
 */
export async function moveToTrash(input: TransitionInput): Promise<{ title: string; publicTags: string[] }> {
  return db.$transaction(async (tx) => {
    const article = await tx.article.findFirst({
      where: { id: input.articleId, deletedAt: null },
      select: { id: true, title: true, status: true, version: true, createdById: true, publishedRevisionId: true },
    });
    if (!article) throw new AppError('NOT_FOUND', '文章不存在或已在回收站中');
    if (!canDeleteArticle(input.actor, article)) throw new AppError('FORBIDDEN', '只能把自己创建、尚未发布的草稿移到回收站');
    if (article.version !== input.version) throw new AppError('CONFLICT', '文章已被修改，请刷新页面后重试');

    const takenDown = article.publishedRevisionId ? await takeDownLivePage(tx, article, input) : null;
    const status = takenDown?.status ?? article.status;
    const { count } = await tx.article.updateMany({
      where: { id: article.id, version: input.version, status, publishedRevisionId: null, deletedAt: null },
      // A pending schedule goes with it: a restored article is a draft that needs a new review.
      data: { deletedAt: new Date(), deletedById: input.actor.id, ...noSchedule },
    });
    if (count !== 1) throw new AppError('CONFLICT', '文章状态已变化，请刷新页面后重试');
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: 'article.trash',
      entityType: 'Article',
      entityId: article.id,
      summary: { title: article.title, status, version: input.version, ...(takenDown ? { unpublished: takenDown.slug } : {}) },
      ip: input.ip,
    });
    return { title: article.title, publicTags: takenDown?.publicTags ?? [] };
  });
}
