import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas } from '@/lib/auth/permissions';
import { db as appDb, type Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { articleListHref, parseArticleListQuery, type ArticleListQuery } from './list-query';
import { readSynonymIndex } from '@/lib/search/synonyms';
import { countArticles } from './queries';

// Saved views of the article table: a name for a filter and sort (the table's URL query), a
// person's own or shared with everyone by an admin, listed above the table with their counts.

export const MAX_OWN_VIEWS = 30;

export const savedViewInputSchema = z.object({
  name: z.string().trim().min(1, '请填写视图名称').max(40, '视图名称不超过 40 字'),
  // The table's query string as the page has it; parsed again below, so only known filters stay.
  query: z.string().max(1000),
  shared: z.boolean(),
});

export type SavedViewItem = {
  id: string;
  name: string;
  href: string;
  shared: boolean;
  mine: boolean;
  ownerName: string;
  count: number;
  countIsEstimate: boolean;
};

/** The table's state a view keeps: every filter and the sort, from the first page. */
export function viewQueryString(query: ArticleListQuery): string {
  const href = articleListHref(query, { page: 1 });
  return href.includes('?') ? href.slice(href.indexOf('?') + 1) : '';
}

const queryOf = (text: string): ArticleListQuery => parseArticleListQuery(Object.fromEntries(new URLSearchParams(text)));

/** The articles page's views, read with the app's client. */
export function readSavedViews(user: CurrentUser): Promise<SavedViewItem[]> {
  return listSavedViews(appDb, user);
}

/** The person's own views and the shared ones, with how many articles each shows now. */
export async function listSavedViews(db: Db, user: CurrentUser): Promise<SavedViewItem[]> {
  const views = await db.savedView.findMany({
    where: { OR: [{ ownerId: user.id }, { shared: true }] },
    orderBy: [{ shared: 'desc' }, { name: 'asc' }],
    select: { id: true, name: true, query: true, shared: true, ownerId: true, owner: { select: { name: true } } },
  });
  // Each count is the table's own count (or its estimate), without reading a page; views are few.
  const queries = views.map((view) => queryOf(view.query));
  const synonyms = queries.some((q) => q.q) ? await readSynonymIndex(db) : new Map();
  const counts = await Promise.all(queries.map((query) => countArticles(query, synonyms)));
  return views.map((view, i) => ({
    id: view.id,
    name: view.name,
    href: view.query ? `/admin/articles?${view.query}` : '/admin/articles',
    shared: view.shared,
    mine: view.ownerId === user.id,
    ownerName: view.owner.name,
    count: counts[i].total,
    countIsEstimate: counts[i].totalIsEstimate,
  }));
}

export async function createSavedView(db: Db, actor: CurrentUser, input: z.infer<typeof savedViewInputSchema>): Promise<{ id: string }> {
  if (!roleHas(actor.role, 'article:read-draft')) throw new AppError('FORBIDDEN', '没有权限');
  if (input.shared && !roleHas(actor.role, 'article:share-view')) throw new AppError('FORBIDDEN', '只有管理员可以共享视图');
  const own = await db.savedView.count({ where: { ownerId: actor.id } });
  if (own >= MAX_OWN_VIEWS) throw new AppError('INVALID', `最多保存 ${MAX_OWN_VIEWS} 个视图，请先删除不用的`);
  try {
    return await db.savedView.create({
      data: { name: input.name, query: viewQueryString(queryOf(input.query)), shared: input.shared, ownerId: actor.id },
      select: { id: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new AppError('INVALID', `已有名为「${input.name}」的视图`);
    throw error;
  }
}

/** Its owner deletes a view; an admin may also delete a shared one. */
export async function deleteSavedView(db: Db, actor: CurrentUser, id: string): Promise<void> {
  const view = await db.savedView.findUnique({ where: { id }, select: { ownerId: true, shared: true } });
  if (!view) throw new AppError('NOT_FOUND', '视图不存在');
  if (view.ownerId !== actor.id && !(view.shared && roleHas(actor.role, 'article:share-view'))) throw new AppError('FORBIDDEN', '只能删除自己的视图');
  await db.savedView.delete({ where: { id } });
}
