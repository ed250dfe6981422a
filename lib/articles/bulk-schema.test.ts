import { describe, expect, it } from 'vitest';
import { bulkWorkflowSchema, bulkWorkflowSummary, type BulkRowResult } from './bulk-schema';

const rows = (outcomes: BulkRowResult['outcome'][]) => outcomes.map((outcome, i) => ({ articleId: `a${i}`, title: `文章${i}`, outcome }));

describe('the bulk workflow summary', () => {
  it('counts what was done, then what was skipped and why', () => {
    expect(bulkWorkflowSummary({ kind: 'publish', rows: rows([...Array(12).fill('done'), 'notApproved', 'notApproved']) })).toBe(
      '12 篇已发布，2 篇未批准，已跳过',
    );
    expect(bulkWorkflowSummary({ kind: 'trash', rows: rows(['done', 'forbidden', 'changed']) })).toBe(
      '1 篇已移到回收站，1 篇无权操作，1 篇已被修改（请刷新后重试），已跳过',
    );
    expect(bulkWorkflowSummary({ kind: 'submit', rows: rows(['done', 'done']) })).toBe('2 篇已提交审核');
  });

  it('reads a schedule time as China time at the boundary', () => {
    const parsed = bulkWorkflowSchema.parse({
      rows: [{ articleId: 'a', version: 1 }],
      operation: { kind: 'schedule', action: 'PUBLISH', runAt: '2026-12-05T08:30' },
    });
    expect(parsed.operation).toEqual({ kind: 'schedule', action: 'PUBLISH', runAt: new Date('2026-12-05T00:30:00.000Z') });
    expect(bulkWorkflowSchema.safeParse({ rows: [], operation: { kind: 'publish' } }).success).toBe(false);
    expect(bulkWorkflowSchema.safeParse({ rows: [{ articleId: 'a', version: 1 }], operation: { kind: 'approve' } }).success).toBe(false);
  });
});
