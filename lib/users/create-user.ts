import { z } from 'zod';
import { hashPassword } from '@/lib/auth/password';
import { passwordSchema } from '@/lib/auth/schemas';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';

export const roles = ['ADMIN', 'EDITOR', 'REVIEWER'] as const;

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().email('请输入有效的邮箱地址'),
  name: z.string().trim().min(1, '请填写姓名').max(50, '姓名不超过 50 字'),
  role: z.enum(roles),
  password: passwordSchema,
});

export type CreateUserInput = z.infer<typeof createUserSchema>;

export async function createUser(db: Db, input: CreateUserInput) {
  const data = createUserSchema.parse(input);
  try {
    return await db.user.create({
      data: { email: data.email, name: data.name, role: data.role, passwordHash: await hashPassword(data.password) },
      select: { id: true, email: true, name: true, role: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('INVALID', '该邮箱已被使用');
    }
    throw error;
  }
}
