import { recordAudit } from '@/lib/audit/record-audit';
import { hashPassword } from '@/lib/auth/password';
import type { CurrentUser } from '@/lib/auth/session-types';
import { roleHas } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { Role } from '@/lib/generated/prisma/enums';

export type UserChange =
  | { kind: 'role'; role: Role }
  | { kind: 'active'; active: boolean }
  | { kind: 'password'; password: string }
  | { kind: 'sign-out-everywhere' };

/**
 * Every change bumps the session version, so the user's existing sessions end on their next
 * request (a role change or deactivation takes effect at once, not at token expiry).
 */
export async function updateUser(actor: CurrentUser, userId: string, change: UserChange, ip?: string | null) {
  if (!roleHas(actor.role, 'user:manage') && !(change.kind === 'sign-out-everywhere' && actor.id === userId)) {
    throw new AppError('FORBIDDEN', '没有权限管理用户');
  }
  if (actor.id === userId && (change.kind === 'role' || (change.kind === 'active' && !change.active))) {
    throw new AppError('INVALID', '不能修改自己的角色或停用自己的账号');
  }
  const data =
    change.kind === 'role'
      ? { role: change.role }
      : change.kind === 'active'
        ? { active: change.active }
        : change.kind === 'password'
          ? { passwordHash: await hashPassword(change.password) }
          : {};
  return db.$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: userId },
      data: { ...data, sessionVersion: { increment: 1 } },
      select: { id: true, email: true, role: true, active: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: `user.${change.kind}`,
      entityType: 'User',
      entityId: userId,
      summary: change.kind === 'password' ? {} : { ...change },
      ip,
    });
    return user;
  });
}
