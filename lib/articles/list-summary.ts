// The admin table's count line, in words: exact totals say 共, estimated ones 约 and why the
// pages stop (lib/articles/queries.ts, listArticles).

export type ListCounts = { total: number; totalIsEstimate: boolean; page: number; pageCount: number; truncated: boolean };

const count = (n: number) => n.toLocaleString('zh-CN');

export function listSummary(list: ListCounts, pageSize: number): { counts: string; note: string | null } {
  const pages = `第 ${count(list.page)} / ${count(list.pageCount)} 页`;
  if (!list.totalIsEstimate) return { counts: `共 ${count(list.total)} 篇，${pages}`, note: null };
  return {
    counts: `约 ${count(list.total)} 篇，${pages}`,
    note:
      `匹配的文章很多，总数是估算的，只能按当前排序翻阅前 ${count(list.pageCount * pageSize)} 篇` +
      `${list.truncated ? '（已到最后一页）' : ''}。加上状态、地区或日期筛选可缩小范围，反向排序可查看另一端。`,
  };
}
