import { describe, expect, it } from 'vitest';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { nextStatus, statusAfterEdit, statusLabels, type Transition } from './transitions';

const statuses: ArticleStatus[] = ['DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'PUBLISHED', 'ARCHIVED'];
const transitions: Transition[] = ['submit', 'approve', 'requestChanges', 'publish'];

// The workflow diagram of DESIGN.md: status × transition → next status (null: not allowed).
const expected: Record<ArticleStatus, Record<Transition, ArticleStatus | null>> = {
  DRAFT: { submit: 'IN_REVIEW', approve: null, requestChanges: null, publish: null },
  IN_REVIEW: { submit: null, approve: 'APPROVED', requestChanges: 'CHANGES_REQUESTED', publish: null },
  CHANGES_REQUESTED: { submit: 'IN_REVIEW', approve: null, requestChanges: null, publish: null },
  APPROVED: { submit: null, approve: null, requestChanges: null, publish: 'PUBLISHED' },
  PUBLISHED: { submit: null, approve: null, requestChanges: null, publish: null },
  ARCHIVED: { submit: null, approve: null, requestChanges: null, publish: null },
};

describe('nextStatus', () => {
  const cases = statuses.flatMap((from) => transitions.map((transition) => ({ from, transition, to: expected[from][transition] })));

  it.each(cases)('$transition from $from → $to', ({ from, transition, to }) => {
    expect(nextStatus(from, transition)).toBe(to);
  });

  it('publishes only from APPROVED', () => {
    expect(statuses.filter((s) => nextStatus(s, 'publish') !== null)).toEqual(['APPROVED']);
  });
});

describe('statusAfterEdit', () => {
  const expectedAfterEdit: Record<ArticleStatus, ArticleStatus> = {
    DRAFT: 'DRAFT',
    IN_REVIEW: 'DRAFT', // an edit withdraws the version from review
    CHANGES_REQUESTED: 'CHANGES_REQUESTED',
    APPROVED: 'DRAFT', // editing after approval needs a new approval
    PUBLISHED: 'DRAFT', // the live revision stays; the new version needs review
    ARCHIVED: 'DRAFT',
  };

  it.each(statuses)('editing a %s article', (status) => {
    expect(statusAfterEdit(status)).toBe(expectedAfterEdit[status]);
  });

  it('never leaves an edited article publishable without a new approval', () => {
    for (const status of statuses) expect(nextStatus(statusAfterEdit(status), 'publish')).toBeNull();
  });
});

describe('statusLabels', () => {
  it('has a Chinese label for every status', () => {
    for (const status of statuses) expect(statusLabels[status]).toMatch(/[\u4e00-\u9fff]/);
  });
});
