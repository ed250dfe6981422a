import { randomBytes } from 'node:crypto';
import { recordAudit } from '@/lib/audit/record-audit';
import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas } from '@/lib/auth/permissions';
import type { Db, Tx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { EDIT_LOCK_SECONDS } from './edit-lock-timing';

// Edit locks: whoever opens an article to edit it holds its lock while their page sends a
// heartbeat (EDIT_LOCK_HEARTBEAT_SECONDS); a lock not heard from for EDIT_LOCK_SECONDS is free.
// Others see who is editing and get the page read-only; they may take over, and an admin may
// release a lock. Each page holds the lock under a token of its own, so the page whose lock was
// taken or released learns it at its next heartbeat (its unsaved text stays in its browser).
// Saves check the lock too (assertNoOtherEditor): nobody saves over someone else's open editor.
// All times are the database's, so every server process agrees on them.

export { EDIT_LOCK_HEARTBEAT_SECONDS, EDIT_LOCK_SECONDS } from './edit-lock-timing';

export type LockHolder = { userId: string; name: string; heartbeatAt: Date };
/** `token` names this page's hold; `holder` is who else holds it, when someone does. */
export type LockState = { held: true; token: string } | { held: false; holder: LockHolder | null };

const newToken = () => randomBytes(18).toString('base64url');

/** Who holds the article's lock now (a lock past its lifetime is nobody's). */
export async function currentLockHolder(db: Db | Tx, articleId: string): Promise<LockHolder | null> {
  const [row] = await db.$queryRaw<LockHolder[]>`
    SELECT l."userId", u.name, l."heartbeatAt" FROM "ArticleLock" l JOIN "User" u ON u.id = l."userId"
    WHERE l."articleId" = ${articleId} AND l."heartbeatAt" > now() - make_interval(secs => ${EDIT_LOCK_SECONDS})`;
  return row ?? null;
}

/** Takes the lock if it is free, expired or already this user's; otherwise says who holds it. */
export async function acquireEditLock(db: Db, actor: CurrentUser, articleId: string): Promise<LockState> {
  if (!roleHas(actor.role, 'article:edit')) throw new AppError('FORBIDDEN', '没有权限编辑文章');
  const token = newToken();
  const taken = await db.$queryRaw<{ token: string }[]>`
    INSERT INTO "ArticleLock" ("articleId", "userId", "token", "acquiredAt", "heartbeatAt")
    SELECT a.id, ${actor.id}, ${token}, now(), now() FROM "Article" a WHERE a.id = ${articleId} AND a."deletedAt" IS NULL
    ON CONFLICT ("articleId") DO UPDATE SET "userId" = EXCLUDED."userId", "token" = EXCLUDED."token",
      "acquiredAt" = now(), "heartbeatAt" = now()
    WHERE "ArticleLock"."userId" = EXCLUDED."userId" OR "ArticleLock"."heartbeatAt" <= now() - make_interval(secs => ${EDIT_LOCK_SECONDS})
    RETURNING "token"`;
  if (taken.length) return { held: true, token };
  const holder = await currentLockHolder(db, articleId);
  if (!holder) {
    const exists = await db.article.count({ where: { id: articleId, deletedAt: null } });
    if (!exists) throw new AppError('NOT_FOUND', '文章不存在或已删除');
  }
  return { held: false, holder };
}

/** Keeps this page's lock alive; when it was taken over or released, says who holds it now. */
export async function heartbeatEditLock(db: Db, actor: CurrentUser, articleId: string, token: string): Promise<LockState> {
  const updated = await db.$executeRaw`
    UPDATE "ArticleLock" SET "heartbeatAt" = now() WHERE "articleId" = ${articleId} AND "token" = ${token} AND "userId" = ${actor.id}`;
  if (updated === 1) return { held: true, token };
  return { held: false, holder: await currentLockHolder(db, articleId) };
}

/** Takes the lock from whoever holds it (their page turns read-only at its next heartbeat). */
export async function takeOverEditLock(db: Db, actor: CurrentUser, articleId: string, ip?: string | null): Promise<LockState> {
  if (!roleHas(actor.role, 'article:edit')) throw new AppError('FORBIDDEN', '没有权限编辑文章');
  const token = newToken();
  return db.$transaction(async (tx) => {
    const article = await tx.article.findFirst({ where: { id: articleId, deletedAt: null }, select: { id: true } });
    if (!article) throw new AppError('NOT_FOUND', '文章不存在或已删除');
    const previous = await currentLockHolder(tx, articleId);
    await tx.$executeRaw`
      INSERT INTO "ArticleLock" ("articleId", "userId", "token", "acquiredAt", "heartbeatAt") VALUES (${articleId}, ${actor.id}, ${token}, now(), now())
      ON CONFLICT ("articleId") DO UPDATE SET "userId" = EXCLUDED."userId", "token" = EXCLUDED."token", "acquiredAt" = now(), "heartbeatAt" = now()`;
    if (previous && previous.userId !== actor.id) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'article.lock-takeover',
        entityType: 'Article',
        entityId: articleId,
        summary: { from: previous.name },
        ip,
      });
    }
    return { held: true as const, token };
  });
}

/**
 * Ends a lock: the holder's own page when it is left (`token`), or an admin for anyone's
 * (audited). Anyone else's request changes nothing.
 */
export async function releaseEditLock(db: Db, actor: CurrentUser, articleId: string, token: string | null, ip?: string | null): Promise<void> {
  if (token) {
    await db.articleLock.deleteMany({ where: { articleId, token, userId: actor.id } });
    return;
  }
  if (!roleHas(actor.role, 'article:release-lock')) throw new AppError('FORBIDDEN', '只有管理员可以解除他人的编辑锁');
  await db.$transaction(async (tx) => {
    const holder = await currentLockHolder(tx, articleId);
    const { count } = await tx.articleLock.deleteMany({ where: { articleId } });
    if (count)
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'article.lock-release',
        entityType: 'Article',
        entityId: articleId,
        summary: { from: holder?.name ?? null },
        ip,
      });
  });
}

/** For a save: refuses when someone else holds a live lock on the article. */
export async function assertNoOtherEditor(tx: Tx, actor: CurrentUser, articleId: string): Promise<void> {
  const holder = await currentLockHolder(tx, articleId);
  if (holder && holder.userId !== actor.id) {
    throw new AppError('LOCKED', `${holder.name} 正在编辑这篇文章，你的修改尚未保存（已保留在本浏览器中）。`);
  }
}
