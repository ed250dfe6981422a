import type { Db } from '@/lib/db/client';
import { importJobFailedMessage, markImportFailed, recordImportAttemptFailed, runImportJob } from '@/lib/import/import-job';
import { getJobQueue, importFailedQueue, importQueue, registerLocalWorker, type ImportJobData } from './queue';

/**
 * Starts this process's workers: the server process runs them (scripts/serve.ts). Imports run one
 * at a time: each is heavy (CPU for parsing, long transactions), and the machine has two cores.
 */
export async function startWorkers(db: Db): Promise<void> {
  const boss = await getJobQueue();
  const importWorker = await boss.work<ImportJobData>(importQueue, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    try {
      await runImportJob(db, job.data.batchId);
    } catch (error) {
      console.error(`jobs: importing batch ${job.data.batchId} failed (attempt ${job.retryCount + 1} of ${job.retryLimit + 1})`, error);
      await recordImportAttemptFailed(db, job.data.batchId, { lastAttempt: job.retryCount >= job.retryLimit });
      throw error;
    }
  });
  registerLocalWorker(importQueue, importWorker);
  // Jobs that failed without their handler seeing it: timed out, or stopped by a shutdown, on the
  // last attempt. A batch that ended already keeps its outcome.
  await boss.work<ImportJobData>(importFailedQueue, { pollingIntervalSeconds: 5 }, async ([job]) => {
    await markImportFailed(db, job.data.batchId, importJobFailedMessage);
  });
}
