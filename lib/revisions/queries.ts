import { AUTOSAVE_NOTE, type RevisionRecommendation, type RevisionRegion } from '@/lib/articles/write-revision';
import { db } from '@/lib/db/client';
import { toIsoDate } from '@/lib/dates';
import type { VersionSnapshot } from './diff';

// An article's history as people read it (/admin/articles/<id>/history): every revision, newest
// first, with who wrote it, when, how and whether it is the live or the approved one.

/** How a revision came about, told from its note (each writer of revisions writes its own). */
export type RevisionOrigin = 'create' | 'save' | 'autosave' | 'import' | 'bulk' | 'restore';

export const revisionOriginLabels: Record<RevisionOrigin, string> = {
  create: '新建',
  save: '编辑保存',
  autosave: '自动保存',
  import: '导入',
  bulk: '批量编辑',
  restore: '恢复',
};

export function revisionOrigin(note: string): RevisionOrigin {
  if (note === '新建') return 'create';
  if (note === AUTOSAVE_NOTE) return 'autosave';
  if (/^(导入|重新导入|从导出文件)/.test(note)) return 'import';
  if (note.startsWith('批量')) return 'bulk';
  if (note.startsWith('恢复版本')) return 'restore';
  return 'save';
}

/** The note of a revision that restores version `version` (read back by revisionOrigin). */
export function restoreNote(version: number): string {
  return `恢复版本 ${version}`;
}

export type RevisionListItem = {
  version: number;
  createdAt: Date;
  authorName: string | null;
  note: string;
  origin: RevisionOrigin;
  title: string;
  isLive: boolean;
  isApproved: boolean;
  isWorkingCopy: boolean;
};

export async function listRevisions(
  articleId: string,
): Promise<{ title: string; version: number; liveVersion: number | null; revisions: RevisionListItem[] } | null> {
  const article = await db.article.findFirst({
    where: { id: articleId, deletedAt: null },
    select: {
      title: true,
      version: true,
      publishedRevision: { select: { articleVersion: true } },
      revisions: {
        orderBy: { articleVersion: 'desc' },
        select: { articleVersion: true, createdAt: true, note: true, title: true, author: { select: { name: true } } },
      },
      reviews: { where: { decision: 'APPROVED' }, select: { articleVersion: true } },
    },
  });
  if (!article) return null;
  const liveVersion = article.publishedRevision?.articleVersion ?? null;
  const approved = new Set(article.reviews.map((r) => r.articleVersion));
  return {
    title: article.title,
    version: article.version,
    liveVersion,
    revisions: article.revisions.map((r) => ({
      version: r.articleVersion,
      createdAt: r.createdAt,
      authorName: r.author?.name ?? null,
      note: r.note,
      origin: revisionOrigin(r.note),
      title: r.title,
      isLive: r.articleVersion === liveVersion,
      isApproved: approved.has(r.articleVersion),
      isWorkingCopy: r.articleVersion === article.version,
    })),
  };
}

/** One revision of an article as a comparison or a preview needs it; null when there is none. */
export async function getVersion(articleId: string, version: number): Promise<(VersionSnapshot & { version: number; createdAt: Date }) | null> {
  const revision = await db.revision.findFirst({
    where: { articleId, articleVersion: version, article: { deletedAt: null } },
    select: {
      articleVersion: true,
      createdAt: true,
      title: true,
      slug: true,
      summary: true,
      contentDate: true,
      regions: true,
      disclaimer: true,
      plainText: true,
      body: true,
      recommendations: true,
    },
  });
  if (!revision) return null;
  return {
    version: revision.articleVersion,
    createdAt: revision.createdAt,
    title: revision.title,
    slug: revision.slug,
    summary: revision.summary,
    contentDate: revision.contentDate ? toIsoDate(revision.contentDate) : null,
    regions: revision.regions as RevisionRegion[],
    disclaimer: revision.disclaimer,
    plainText: revision.plainText,
    body: revision.body,
    recommendations: revision.recommendations as RevisionRecommendation[],
  };
}
