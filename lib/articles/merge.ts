import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas } from '@/lib/auth/permissions';
import { bodyPlainText } from '@/lib/content/plain-text';
import { toIsoDate } from '@/lib/dates';
import { AppError } from '@/lib/errors';
import { regionPath } from '@/lib/regions/region-path';
import { diffVersions, type VersionDiff } from '@/lib/revisions/diff';
import { getArticleForEdit } from './queries';
import type { ArticleFields } from './schemas';

// Merging on conflict: when an editor's save meets a newer version, they get that version's
// content next to theirs (field by field, the body as a diff) to choose from per field. The
// chosen result is then saved on the newer version, so nobody's change is overwritten unseen.

export type MergeRegion = { code: string; name: string; path: string[]; origin: 'AUTO' | 'MANUAL'; confidence: number };
export type MergeItem = {
  key: string;
  title: string;
  summary: string;
  category: string;
  itemDate: string;
  targetArticleId: string | null;
  targetTitle: string | null;
};
export type MergeBase = {
  version: number;
  updatedBy: string | null;
  theirs: {
    fields: { title: string; slug: string; summary: string; disclaimer: string; contentDate: string };
    body: unknown;
    regions: MergeRegion[];
    items: MergeItem[];
  };
  /** From the newer version to the editor's: what the editor would change. */
  diff: VersionDiff;
};

export async function loadMergeBase(actor: CurrentUser, articleId: string, mine: ArticleFields): Promise<MergeBase> {
  if (!roleHas(actor.role, 'article:edit')) throw new AppError('FORBIDDEN', '没有权限编辑文章');
  const article = await getArticleForEdit(articleId);
  if (!article) throw new AppError('NOT_FOUND', '文章不存在或已删除');
  const theirs = {
    fields: {
      title: article.title,
      slug: article.slug,
      summary: article.summary,
      disclaimer: article.disclaimer,
      contentDate: article.contentDate ? toIsoDate(article.contentDate) : '',
    },
    body: article.body,
    regions: article.regions.map((r) => ({ code: r.regionCode, name: r.region.name, path: regionPath(r.regionCode), origin: r.origin, confidence: r.confidence })),
    items: article.recommendations.map((item) => ({
      key: `theirs-${item.position}`,
      title: item.title,
      summary: item.summary,
      category: item.category,
      itemDate: item.itemDate ? toIsoDate(item.itemDate) : '',
      targetArticleId: item.targetArticleId,
      targetTitle: item.targetArticle?.title ?? null,
    })),
  };
  const snapshot = (fields: MergeBase['theirs']['fields'], body: unknown, regions: { code: string; origin: 'AUTO' | 'MANUAL' }[], items: ArticleFields['recommendations']) => ({
    ...fields,
    contentDate: fields.contentDate || null,
    regions: regions.map((r) => ({ code: r.code, origin: r.origin, confidence: 1 })),
    plainText: bodyPlainText(body),
    body,
    recommendations: items.map((item) => ({ ...item, itemDate: item.itemDate || null })),
  });
  const diff = diffVersions(
    snapshot(theirs.fields, theirs.body, theirs.regions, theirs.items),
    snapshot({ title: mine.title, slug: mine.slug, summary: mine.summary, disclaimer: mine.disclaimer, contentDate: mine.contentDate }, mine.body, mine.regions, mine.recommendations),
  );
  return { version: article.version, updatedBy: article.updatedBy?.name ?? null, theirs, diff };
}
