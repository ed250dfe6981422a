import type { ArticleStatus } from '@/lib/generated/prisma/enums';

// The editorial workflow of ../shared/DESIGN.md as a pure state machine. `unpublish` and `edit`
// are not here: they depend on whether a live revision exists, not only on the status.
export type Transition = 'submit' | 'approve' | 'requestChanges' | 'publish';

const transitions: Record<Transition, { from: readonly ArticleStatus[]; to: ArticleStatus }> = {
  submit: { from: ['DRAFT', 'CHANGES_REQUESTED'], to: 'IN_REVIEW' },
  approve: { from: ['IN_REVIEW'], to: 'APPROVED' },
  requestChanges: { from: ['IN_REVIEW'], to: 'CHANGES_REQUESTED' },
  publish: { from: ['APPROVED'], to: 'PUBLISHED' },
};

export function nextStatus(from: ArticleStatus, transition: Transition): ArticleStatus | null {
  const rule = transitions[transition];
  return rule.from.includes(from) ? rule.to : null;
}

/** Saving changes: an approved or published version needs a new review; changes requested stays so. */
export function statusAfterEdit(from: ArticleStatus): ArticleStatus {
  switch (from) {
    case 'CHANGES_REQUESTED':
      return 'CHANGES_REQUESTED';
    case 'DRAFT':
    case 'IN_REVIEW':
    case 'APPROVED':
    case 'PUBLISHED':
    case 'ARCHIVED':
      return 'DRAFT';
  }
}

export const statusLabels: Record<ArticleStatus, string> = {
  DRAFT: '草稿',
  IN_REVIEW: '审核中',
  CHANGES_REQUESTED: '需修改',
  APPROVED: '已批准',
  PUBLISHED: '已发布',
  ARCHIVED: '已下线',
};
