import { z } from 'zod';
import { isIsoDate } from '@/lib/dates';

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
  articleIds: z
    .array(z.string().min(1).max(40))
    .min(1, '请先选择文章')
    .max(BULK_LIMIT, `一次最多处理 ${BULK_LIMIT} 篇文章`),
  change: bulkChangeSchema,
});

export type BulkChange = z.infer<typeof bulkChangeSchema>;
export type BulkUpdateInput = z.infer<typeof bulkUpdateSchema>;

/** changed: edited (new version); unchanged: already as asked; skipped: deleted or not found. */
export type BulkUpdateResult = { changed: number; unchanged: number; skipped: number };
