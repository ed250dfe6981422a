import { describe, expect, it } from 'vitest';
import type { Role } from '@/lib/generated/prisma/enums';
import { permissionRoles, roleHas, type Permission } from './permissions';

// The "Who may do what" table of DESIGN.md, written out by hand. Rules that depend on the
// article (own drafts, four eyes, approved only) are tested in tests/integration/workflow.
const Y = true;
const N = false;
const expected: Record<Permission, Record<Role, boolean>> = {
  //                          EDITOR   REVIEWER  ADMIN
  'admin:access': { EDITOR: Y, REVIEWER: Y, ADMIN: Y }, // read drafts, admin UI
  'article:read-draft': { EDITOR: Y, REVIEWER: Y, ADMIN: Y },
  'article:import': { EDITOR: Y, REVIEWER: N, ADMIN: Y }, // import, create, edit, submit
  'article:create': { EDITOR: Y, REVIEWER: N, ADMIN: Y },
  'article:edit': { EDITOR: Y, REVIEWER: N, ADMIN: Y },
  'article:submit': { EDITOR: Y, REVIEWER: N, ADMIN: Y },
  'article:review': { EDITOR: N, REVIEWER: Y, ADMIN: Y }, // approve, request changes
  'article:publish': { EDITOR: Y, REVIEWER: Y, ADMIN: Y }, // publish, unpublish, schedule (approved only)
  'article:delete-own-draft': { EDITOR: Y, REVIEWER: N, ADMIN: Y }, // delete: editor own drafts, admin yes
  'article:delete-any': { EDITOR: N, REVIEWER: N, ADMIN: Y },
  'article:restore': { EDITOR: N, REVIEWER: N, ADMIN: Y }, // restore anyone's (editors their own: lib/workflow/policy.ts)
  'article:delete-permanently': { EDITOR: N, REVIEWER: N, ADMIN: Y }, // empty the trash (issue 11: admins only)
  'article:release-lock': { EDITOR: N, REVIEWER: N, ADMIN: Y }, // end someone else's edit lock
  'article:share-view': { EDITOR: N, REVIEWER: N, ADMIN: Y }, // saved table views for everyone
  'user:manage': { EDITOR: N, REVIEWER: N, ADMIN: Y }, // users and roles
  'settings:manage': { EDITOR: N, REVIEWER: N, ADMIN: Y }, // site and security settings
  'audit:read': { EDITOR: N, REVIEWER: N, ADMIN: Y }, // audit log
};

const roles: Role[] = ['ADMIN', 'EDITOR', 'REVIEWER'];

describe('permission matrix', () => {
  it('covers exactly the permissions of the expected table', () => {
    expect(Object.keys(permissionRoles).sort()).toEqual(Object.keys(expected).sort());
  });

  const cases = (Object.keys(expected) as Permission[]).flatMap((permission) =>
    roles.map((role) => ({ permission, role, allowed: expected[permission][role] })),
  );

  it.each(cases)('$role $permission → $allowed', ({ permission, role, allowed }) => {
    expect(roleHas(role, permission)).toBe(allowed);
  });

  it('gives the admin every permission', () => {
    for (const permission of Object.keys(permissionRoles) as Permission[]) expect(roleHas('ADMIN', permission)).toBe(true);
  });

  it('never lets an editor review or a reviewer write content', () => {
    expect(roleHas('EDITOR', 'article:review')).toBe(false);
    for (const p of ['article:import', 'article:create', 'article:edit', 'article:submit'] as const) {
      expect(roleHas('REVIEWER', p)).toBe(false);
    }
  });

  it('denies a role that is not in the enum', () => {
    expect(roleHas('READER' as Role, 'admin:access')).toBe(false);
  });
});
