import { z } from 'zod';
import type { Db, Tx } from '@/lib/db/client';
import { recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors';
import { recordTags } from '@/lib/public-cache/change-feed';
import { publicTags } from '@/lib/public-cache/cache-tags';
import { normalizeText } from './normalize';
import { buildSynonymIndex, type SynonymIndex } from './parse-query';

// Synonym groups: a query word that is a member of a group matches any member. Admins edit them
// (/admin/settings/synonyms); a change expires the cached public search results.

export async function readSynonymIndex(db: Db | Tx): Promise<SynonymIndex> {
  const groups = await db.synonymGroup.findMany({ select: { terms: true } });
  return buildSynonymIndex(groups.map((g) => g.terms));
}

export async function listSynonymGroups(db: Db) {
  return db.synonymGroup.findMany({ orderBy: { createdAt: 'asc' }, select: { id: true, terms: true, updatedAt: true } });
}

/** "居民医保, 城乡居民基本医疗保险" (comma, 、, ，, ; or new line between terms) → normalised distinct terms. */
export const synonymTermsSchema = z
  .string()
  .max(500, '内容过长')
  .transform((text) => [
    ...new Set(
      text
        .split(/[,，、;；\n]+/u)
        .map((t) => normalizeText(t).trim().replace(/\s+/gu, ''))
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(
        z
          .string()
          .max(32, '每个词最多 32 个字')
          .regex(/^[\p{L}\p{N}]+$/u, '词语只能包含文字和数字'),
      )
      .min(2, '一组至少需要两个词')
      .max(12, '一组最多 12 个词'),
  );

export const synonymGroupInputSchema = z.object({ id: z.string().min(1).max(40).optional(), terms: synonymTermsSchema });
export type SynonymGroupInput = z.infer<typeof synonymGroupInputSchema>;

type Actor = { id: string };

export async function saveSynonymGroup(db: Db, actor: Actor, input: SynonymGroupInput, ip?: string | null) {
  return db.$transaction(async (tx) => {
    const before = input.id ? await tx.synonymGroup.findUnique({ where: { id: input.id }, select: { terms: true } }) : null;
    if (input.id && !before) throw new AppError('NOT_FOUND', '同义词组不存在');
    const group = input.id
      ? await tx.synonymGroup.update({ where: { id: input.id }, data: { terms: input.terms } })
      : await tx.synonymGroup.create({ data: { terms: input.terms } });
    await recordTags(tx, [publicTags.search]);
    await recordAudit(tx, {
      actorId: actor.id,
      action: input.id ? 'synonyms.update' : 'synonyms.create',
      entityType: 'SynonymGroup',
      entityId: group.id,
      summary: { before: before?.terms ?? null, after: input.terms },
      ip,
    });
    return group;
  });
}

export async function deleteSynonymGroup(db: Db, actor: Actor, id: string, ip?: string | null) {
  return db.$transaction(async (tx) => {
    const before = await tx.synonymGroup.findUnique({ where: { id }, select: { terms: true } });
    if (!before) throw new AppError('NOT_FOUND', '同义词组不存在');
    await tx.synonymGroup.delete({ where: { id } });
    await recordTags(tx, [publicTags.search]);
    await recordAudit(tx, { actorId: actor.id, action: 'synonyms.delete', entityType: 'SynonymGroup', entityId: id, summary: { before: before.terms }, ip });
  });
}
