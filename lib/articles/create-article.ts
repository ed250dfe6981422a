import { recordAudit } from '@/lib/audit/record-audit';
import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas } from '@/lib/auth/permissions';
import { emptyDoc } from '@/lib/content/body-schema';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { writeWorkingCopySearch } from '@/lib/search/write-vectors';
import { slugFromTitle, uniqueSlug } from './slug';
import { slugInUse } from './slug-in-use';
import { writeRevision } from './write-revision';

export async function createArticle(actor: CurrentUser, title: string, ip?: string | null) {
  if (!roleHas(actor.role, 'article:create')) throw new AppError('FORBIDDEN', '没有权限新建文章');
  return db.$transaction(async (tx) => {
    const slug = await uniqueSlug(slugFromTitle(title), (s) => slugInUse(tx, s));
    const article = await tx.article.create({
      data: { title, slug, body: emptyDoc(), createdById: actor.id, updatedById: actor.id },
      select: { id: true },
    });
    await writeWorkingCopySearch(tx, article.id, { title, summary: '', body: '' });
    await writeRevision(tx, article.id, actor.id, '新建');
    await recordAudit(tx, { actorId: actor.id, action: 'article.create', entityType: 'Article', entityId: article.id, summary: { title }, ip });
    return article;
  });
}
