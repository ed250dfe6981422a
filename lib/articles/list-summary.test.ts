import { describe, expect, it } from 'vitest';
import { listSummary } from './list-summary';

describe('the article table count line', () => {
  it('states an exact total with 共 and no note', () => {
    expect(listSummary({ total: 1633, totalIsEstimate: false, page: 3, pageCount: 82, truncated: false }, 20)).toEqual({
      counts: '共 1,633 篇，第 3 / 82 页',
      note: null,
    });
    expect(listSummary({ total: 0, totalIsEstimate: false, page: 1, pageCount: 1, truncated: false }, 20).counts).toBe('共 0 篇，第 1 / 1 页');
  });

  it('states an estimate with 约, and says how far the pages go and how to see the rest', () => {
    const first = listSummary({ total: 97000, totalIsEstimate: true, page: 1, pageCount: 50, truncated: false }, 20);
    expect(first.counts).toBe('约 97,000 篇，第 1 / 50 页');
    expect(first.note).toContain('只能按当前排序翻阅前 1,000 篇');
    expect(first.note).not.toContain('已到最后一页');
    const last = listSummary({ total: 97000, totalIsEstimate: true, page: 10, pageCount: 10, truncated: true }, 100);
    expect(last.note).toContain('前 1,000 篇（已到最后一页）');
  });
});
