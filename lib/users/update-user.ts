import { recordAudit } from '@/lib/audit/record-audit';
import { liftAccountLock } from '@/lib/auth/account-lock';
import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas } from '@/lib/auth/permissions';
import { endAllSessions, type SessionEndReason } from '@/lib/auth/sessions';
import { resetTwoFactor } from '@/lib/auth/two-factor';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { Role } from '@/lib/generated/prisma/enums';
import { issuePasswordLink } from './password-reset';

export type UserChange =
  | { kind: 'role'; role: Role }
  | { kind: 'active'; active: boolean }
  | { kind: 'sign-out-everywhere' }
  | { kind: 'password-link' }
  | { kind: 'reset-two-factor' }
  | { kind: 'lift-lock' };

/** What a change hands back: the one-time password link's token for 'password-link'. */
export type UserChangeResult = { passwordToken?: string };

/**
 * An admin's change to an account. A role change, deactivation and "sign out everywhere" end all
 * of the user's sessions in the same transaction, so they take effect on the user's next request.
 */
export async function updateUser(actor: CurrentUser, userId: string, change: UserChange, ip?: string | null): Promise<UserChangeResult> {
  if (!roleHas(actor.role, 'user:manage')) throw new AppError('FORBIDDEN', '没有权限管理用户');
  if (actor.id === userId && (change.kind === 'role' || (change.kind === 'active' && !change.active))) {
    throw new AppError('INVALID', '不能修改自己的角色或停用自己的账号');
  }
  // On oneself these would skip what 我的账户 asks for (the current password, a fresh code): a
  // stolen admin session must not be enough to take the account over.
  if (actor.id === userId && (change.kind === 'password-link' || change.kind === 'reset-two-factor')) {
    throw new AppError('INVALID', '请在“我的账户”中修改自己的密码和两步验证');
  }
  return db.$transaction(async (tx) => {
    const found = await tx.user.findUnique({ where: { id: userId }, select: { active: true, email: true } });
    if (!found) throw new AppError('NOT_FOUND', '用户不存在');
    const audit = { actorId: actor.id, entityType: 'User', entityId: userId, ip };
    const endSessions = (reason: SessionEndReason) => endAllSessions(tx, { userId, actorId: actor.id, reason, ip });
    switch (change.kind) {
      case 'role':
        await tx.user.update({ where: { id: userId }, data: { role: change.role } });
        await recordAudit(tx, { ...audit, action: 'user.role', summary: { role: change.role } });
        await endSessions('role');
        return {};
      case 'active':
        await tx.user.update({ where: { id: userId }, data: { active: change.active } });
        await recordAudit(tx, { ...audit, action: 'user.active', summary: { active: change.active } });
        if (!change.active) await endSessions('deactivated');
        return {};
      case 'sign-out-everywhere':
        await endSessions('sign-out-everywhere');
        return {};
      case 'password-link':
        // findPasswordLink refuses deactivated accounts: a link for one would never work.
        if (!found.active) throw new AppError('INVALID', '该账号已停用，请先启用再发放链接');
        return { passwordToken: await issuePasswordLink(tx, { userId, actorId: actor.id, ip }) };
      case 'reset-two-factor':
        await resetTwoFactor(tx, userId);
        await recordAudit(tx, { ...audit, action: 'user.two-factor-reset' });
        return {};
      case 'lift-lock': {
        // The account-wide sign-in limit, filled by guesses from many addresses (lib/auth/account-lock.ts).
        const scopes = await liftAccountLock(tx, { id: userId, email: found.email });
        if (scopes.length === 0) throw new AppError('INVALID', '该账号没有被锁定');
        await recordAudit(tx, { ...audit, action: 'user.lock-lifted', summary: { scopes } });
        return {};
      }
    }
  });
}
