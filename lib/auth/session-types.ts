import type { Role } from '@/lib/generated/prisma/enums';

export type CurrentUser = { id: string; email: string; name: string; role: Role };
