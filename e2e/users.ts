// Accounts of the e2e test database only (created by e2e/seed.ts, dropped with the database).
export const e2eUsers = {
  admin: { email: 'admin@e2e.test', name: '测试管理员', role: 'ADMIN', password: 'e2e-pw-runs-the-site' },
  editor: { email: 'editor@e2e.test', name: '测试编辑', role: 'EDITOR', password: 'e2e-pw-writes-pages' },
  reviewer: { email: 'reviewer@e2e.test', name: '测试审核', role: 'REVIEWER', password: 'e2e-pw-checks-pages' },
} as const;

export type E2eRole = keyof typeof e2eUsers;
