import type { ImportOutcomeName } from '@/lib/import/import-pages';

export const outcomeLabels: Record<ImportOutcomeName, string> = { created: '新建', updated: '更新', unchanged: '未变', failed: '失败' };

/** The same outcomes in a preview, where nothing has happened yet. */
export const previewOutcomeLabels: Record<ImportOutcomeName, string> = { created: '将新建', updated: '将更新', unchanged: '未变', failed: '失败' };
