import { describe, expect, it } from 'vitest';
import { decideImport, type ExistingArticle } from './decide-import';

const article = (overrides: Partial<ExistingArticle> = {}): ExistingArticle => ({
  id: 'a1',
  status: 'DRAFT',
  version: 3,
  importedVersion: 3,
  deletedAt: null,
  matchHash: 'old',
  ...overrides,
});

describe('decideImport', () => {
  it.each([
    ['no article yet → create', 'new', null, false, { action: 'create' }],
    ['same hash → unchanged', 'old', article(), false, { action: 'unchanged', articleId: 'a1' }],
    ['same hash, edited since → still unchanged (nothing to import)', 'old', article({ version: 4 }), false, { action: 'unchanged', articleId: 'a1' }],
    ['changed, untouched since import → update', 'new', article(), false, { action: 'update', forced: false }],
    ['changed, published and untouched → update (the working copy only)', 'new', article({ status: 'PUBLISHED' }), false, { action: 'update', forced: false }],
    ['changed, edited since import → conflict', 'new', article({ version: 4 }), false, { action: 'fail', canForce: true, failure: { reason: 'CONFLICT' } }],
    [
      'never imported (written in the editor) → conflict',
      'new',
      article({ importedVersion: null }),
      false,
      { action: 'fail', failure: { reason: 'CONFLICT' } },
    ],
    ['conflict with force → forced update', 'new', article({ version: 4 }), true, { action: 'update', forced: true }],
    ['force on an untouched article is an ordinary update', 'new', article(), true, { action: 'update', forced: false }],
    [
      'in the trash → fail even when forced',
      'new',
      article({ deletedAt: new Date() }),
      true,
      { action: 'fail', canForce: false, failure: { reason: 'DELETED' } },
    ],
  ] as const)('%s', (_label, hash, existing, force, expected) => {
    expect(decideImport(hash, existing, { force })).toMatchObject(expected);
  });

  it('labels a conflict clearly', () => {
    const decision = decideImport('new', article({ version: 4 }), { force: false });
    expect(decision.action === 'fail' && decision.failure.message).toMatch(/^冲突：.*仍然导入为新版本.*--force/);
  });
});
