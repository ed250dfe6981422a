import type { Role } from '@/lib/generated/prisma/enums';

// The roles of DESIGN.md and their names in the UI. Pure constants: client components import this.
export const roles = ['ADMIN', 'EDITOR', 'REVIEWER'] as const satisfies readonly Role[];

export const roleLabels: Record<Role, string> = { ADMIN: '管理员', EDITOR: '编辑', REVIEWER: '审核员' };
