import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas } from '@/lib/auth/permissions';
import { emptyDoc } from '@/lib/content/body-schema';
import { db } from '@/lib/db/client';
import { newId, txSql } from '@/lib/db/sql';
import { AppError } from '@/lib/errors';
import { claimSlug, loadTakenSlugs } from './free-slugs';
import { slugFromTitle } from './slug';
import { writeVersions } from './write-versions';

export async function createArticle(actor: CurrentUser, title: string, ip?: string | null) {
  if (!roleHas(actor.role, 'article:create')) throw new AppError('FORBIDDEN', '没有权限新建文章');
  return db.$transaction(async (tx) => {
    const sql = txSql(tx);
    const base = slugFromTitle(title);
    const id = newId();
    await writeVersions(
      sql,
      [
        {
          articleId: id,
          create: { slug: claimSlug(base, await loadTakenSlugs(sql, [base])) },
          set: { title, summary: '', body: emptyDoc() },
          revision: { note: '新建' },
          audit: { action: 'article.create', summary: { title } },
        },
      ],
      { actorId: actor.id, ip },
    );
    return { id };
  });
}
