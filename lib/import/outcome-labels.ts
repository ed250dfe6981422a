import type { ImportOutcome } from '@/lib/generated/prisma/enums';
import type { ImportOutcomeName } from './results';

// How a file's outcome reads to an editor: in a report, in a preview (nothing has happened
// yet), and as stored on ImportItem.

export const outcomeLabels: Record<ImportOutcomeName, string> = { created: '新建', updated: '更新', unchanged: '未变', failed: '失败' };

export const previewOutcomeLabels: Record<ImportOutcomeName, string> = { created: '将新建', updated: '将更新', unchanged: '未变', failed: '失败' };

export const itemOutcomeLabels: Record<ImportOutcome, string> = {
  CREATED: outcomeLabels.created,
  UPDATED: outcomeLabels.updated,
  UNCHANGED: outcomeLabels.unchanged,
  FAILED: outcomeLabels.failed,
};
