import { z } from 'zod';
import { isIsoDate } from '@/lib/dates';
import { scheduledActions, scheduleTimeSchema } from '@/lib/schedule/schemas';

// The article table's bulk actions: the boundary shared by the toolbar and the server action.

/** At most this many articles per request: one transaction stays short and its locks brief. */
export const BULK_LIMIT = 200;

const regionCode = z.string().regex(/^\d{6}$/, '地区代码无效');

export const bulkChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('addRegion'), regionCode }),
  z.object({ kind: z.literal('removeRegion'), regionCode }),
  // null clears the date.
  z.object({ kind: z.literal('setContentDate'), contentDate: z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD').nullable() }),
]);

export const bulkUpdateSchema = z.object({
  articleIds: z.array(z.string().min(1).max(40)).min(1, '请先选择文章').max(BULK_LIMIT, `一次最多处理 ${BULK_LIMIT} 篇文章`),
  change: bulkChangeSchema,
});

export type BulkChange = z.infer<typeof bulkChangeSchema>;
export type BulkUpdateInput = z.infer<typeof bulkUpdateSchema>;

/** changed: edited (new version); unchanged: already as asked; skipped: deleted or not found. */
export type BulkUpdateResult = { changed: number; unchanged: number; skipped: number };

// Workflow steps for the selected rows (./bulk-workflow.ts): each row as the person saw it (its
// version), each checked by the rules of the single action.

export const bulkWorkflowOperationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('submit') }),
  z.object({ kind: z.literal('publish') }),
  z.object({ kind: z.literal('unpublish') }),
  z.object({ kind: z.literal('schedule'), action: z.enum(scheduledActions, { error: '请求无效' }), runAt: scheduleTimeSchema }),
  z.object({ kind: z.literal('cancelSchedule') }),
  z.object({ kind: z.literal('trash') }),
]);

export const bulkWorkflowSchema = z.object({
  rows: z
    .array(z.object({ articleId: z.string().min(1).max(40), version: z.number().int().positive() }))
    .min(1, '请先选择文章')
    .max(BULK_LIMIT, `一次最多处理 ${BULK_LIMIT} 篇文章`),
  operation: bulkWorkflowOperationSchema,
});

export type BulkWorkflowOperation = z.output<typeof bulkWorkflowOperationSchema>;
export type BulkWorkflowKind = BulkWorkflowOperation['kind'];
export type BulkWorkflowInput = z.output<typeof bulkWorkflowSchema>;
export type BulkWorkflowRequest = z.input<typeof bulkWorkflowSchema>;

/** Why a row was left alone (or failed), in the words of the result summary. */
export const bulkSkipLabels = {
  notFound: '已删除或不存在',
  changed: '已被修改（请刷新后重试）',
  forbidden: '无权操作',
  notSubmittable: '不是草稿或待修改',
  notApproved: '未批准',
  notLive: '未在线上',
  notScheduled: '没有定时安排',
  failed: '操作失败',
} as const;
export type BulkSkipReason = keyof typeof bulkSkipLabels;

export const bulkDoneLabels: Record<BulkWorkflowKind, string> = {
  submit: '已提交审核',
  publish: '已发布',
  unpublish: '已下线',
  schedule: '已安排定时',
  cancelSchedule: '已取消定时',
  trash: '已移到回收站',
};

export type BulkRowResult = { articleId: string; title: string | null; outcome: 'done' | BulkSkipReason; message?: string };
export type BulkWorkflowResult = { kind: BulkWorkflowKind; rows: BulkRowResult[] };

/** "12 篇已发布，2 篇未批准，已跳过": the rows done, then each reason rows were left alone for. */
export function bulkWorkflowSummary({ kind, rows }: BulkWorkflowResult): string {
  const done = rows.filter((r) => r.outcome === 'done').length;
  const parts = [`${done} 篇${bulkDoneLabels[kind]}`];
  const skipped = new Map<BulkSkipReason, number>();
  for (const row of rows) if (row.outcome !== 'done') skipped.set(row.outcome, (skipped.get(row.outcome) ?? 0) + 1);
  for (const [reason, count] of skipped) parts.push(`${count} 篇${bulkSkipLabels[reason]}`);
  return skipped.size ? `${parts.join('，')}，已跳过` : parts.join('，');
}
