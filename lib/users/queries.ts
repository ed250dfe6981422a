import { db } from '@/lib/db/client';

export async function listUsers() {
  const users = await db.user.findMany({
    orderBy: { createdAt: 'asc' },
    select: { id: true, email: true, name: true, role: true, active: true, totpEnabledAt: true },
  });
  return users.map(({ totpEnabledAt, ...user }) => ({ ...user, twoFactor: totpEnabledAt !== null }));
}
