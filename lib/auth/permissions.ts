import type { Role } from '@/lib/generated/prisma/enums';

// The permission matrix of ../shared/DESIGN.md, in one table. Code asks for a permission, never
// for a role. Rules that depend on the article (own drafts, four eyes, approved only) live in
// lib/workflow and are checked on top of these.
export const permissionRoles = {
  'admin:access': ['ADMIN', 'EDITOR', 'REVIEWER'],
  'article:read-draft': ['ADMIN', 'EDITOR', 'REVIEWER'],
  'article:import': ['ADMIN', 'EDITOR'],
  'article:create': ['ADMIN', 'EDITOR'],
  'article:edit': ['ADMIN', 'EDITOR'],
  'article:submit': ['ADMIN', 'EDITOR'],
  'article:review': ['ADMIN', 'REVIEWER'],
  'article:publish': ['ADMIN', 'EDITOR', 'REVIEWER'],
  // The trash (lib/trash): move one's own drafts there and take them back out, and see the trash;
  // move any article there (a live one is unpublished first), restore any; delete for good.
  'article:delete-own-draft': ['ADMIN', 'EDITOR'],
  'article:delete-any': ['ADMIN'],
  'article:restore': ['ADMIN'],
  'article:delete-permanently': ['ADMIN'],
  'article:release-lock': ['ADMIN'],
  'article:share-view': ['ADMIN'],
  'user:manage': ['ADMIN'],
  'settings:manage': ['ADMIN'],
  'audit:read': ['ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionRoles;

export function roleHas(role: Role, permission: Permission): boolean {
  return (permissionRoles[permission] as readonly Role[]).includes(role);
}
