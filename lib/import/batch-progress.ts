import type { ImportBatchStatus } from '@/lib/generated/prisma/enums';

// What the browser's progress bar and the server share about a batch's progress; no server
// imports here, as the progress component runs in the browser.

export type ImportProgress = { status: ImportBatchStatus; processedFiles: number; totalFiles: number; error: string | null };

export function isImportFinished(status: ImportBatchStatus): boolean {
  return status === 'DONE' || status === 'FAILED';
}
