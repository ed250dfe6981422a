import { createArticle } from '@/lib/articles/create-article';
import type { CurrentUser } from '@/lib/auth/session-types';
import { fromIsoDate } from '@/lib/dates';
import { db } from '@/lib/db/client';
import type { ArticleStatus, RegionOrigin } from '@/lib/generated/prisma/enums';
import { regionAncestorCodes } from '@/lib/regions/region-path';

export type ArticleFixture = {
  title: string;
  status?: ArticleStatus;
  contentDate?: string | null;
  regions?: (string | { code: string; origin: RegionOrigin })[];
  deleted?: boolean;
  rejectedRegionCodes?: string[];
};

/**
 * An article created the ordinary way (createArticle: version 1, a revision, an audit row), then
 * put into the state a test needs directly in the database.
 */
export async function makeArticle(actor: CurrentUser, fixture: ArticleFixture): Promise<string> {
  const { id } = await createArticle(actor, fixture.title);
  await db.article.update({
    where: { id },
    data: {
      status: fixture.status ?? 'DRAFT',
      contentDate: fixture.contentDate ? fromIsoDate(fixture.contentDate) : null,
      deletedAt: fixture.deleted ? new Date() : null,
      rejectedRegionCodes: fixture.rejectedRegionCodes ?? [],
    },
  });
  for (const tag of fixture.regions ?? []) {
    const { code, origin } = typeof tag === 'string' ? { code: tag, origin: 'MANUAL' as const } : tag;
    const ancestors = regionAncestorCodes(code);
    if (!ancestors) throw new Error(`unknown region ${code}`);
    await db.articleRegion.create({ data: { articleId: id, regionCode: code, ...ancestors, origin, confidence: origin === 'AUTO' ? 0.8 : 1 } });
  }
  return id;
}
