import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import { hashPassword } from '@/lib/auth/password';
import { passwordProblem } from '@/lib/auth/password-policy';
import type { CurrentUser } from '@/lib/auth/session-types';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { issuePasswordLink } from './password-reset';
import { roles } from './roles';

export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().email('请输入有效的邮箱地址'),
  name: z.string().trim().min(1, '请填写姓名').max(50, '姓名不超过 50 字'),
  role: z.enum(roles),
});

export type NewUserInput = z.infer<typeof newUserSchema>;
export type CreateUserInput = NewUserInput & { password: string };

/** An account with a password (the CLI's first admin, demo and test accounts). */
export async function createUser(db: Db, input: CreateUserInput) {
  const data = newUserSchema.parse(input);
  const problem = passwordProblem(input.password, data.email);
  if (problem) throw new AppError('INVALID', problem);
  return insertUser(db, data, await hashPassword(input.password));
}

/**
 * An admin adds a colleague: the account gets a password nobody knows, and the admin a one-time
 * link (lib/users/password-reset.ts) to hand over, with which the colleague sets their own.
 */
export async function inviteUser(db: Db, actor: CurrentUser, input: NewUserInput, ip: string | null): Promise<{ userId: string; passwordToken: string }> {
  const data = newUserSchema.parse(input);
  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  return db.$transaction(async (tx) => {
    const user = await insertUser(tx, data, unusable);
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'user.create',
      entityType: 'User',
      entityId: user.id,
      summary: { email: data.email, role: data.role },
      ip,
    });
    return { userId: user.id, passwordToken: await issuePasswordLink(tx, { userId: user.id, actorId: actor.id, ip }) };
  });
}

async function insertUser(db: Pick<Db, 'user'>, data: NewUserInput, passwordHash: string) {
  try {
    return await db.user.create({
      data: { email: data.email, name: data.name, role: data.role, passwordHash },
      select: { id: true, email: true, name: true, role: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('INVALID', '该邮箱已被使用');
    }
    throw error;
  }
}
