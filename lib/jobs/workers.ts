import type { Db } from '@/lib/db/client';
import { importJobFailedMessage, markImportFailed, recordImportAttemptFailed, runImportJob } from '@/lib/import/import-job';
import { runDueSchedules } from '@/lib/schedule/run-due-schedules';
import { purgeExpiredTrash } from '@/lib/trash/purge-trash';
import {
  getJobQueue,
  importFailedQueue,
  importQueue,
  registerLocalWorker,
  scheduleQueue,
  trashPurgeQueue,
  type ImportJobData,
  type ScheduleJobData,
} from './queue';

/**
 * Starts this process's workers: the server process runs them (scripts/serve.ts). Imports run one
 * at a time: each is heavy (CPU for parsing, long transactions), and the machine has two cores.
 */
export async function startWorkers(db: Db): Promise<void> {
  const boss = await getJobQueue({ schedules: true });
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
  // The hourly purge of the trash (scheduled in ./queue.ts); a failed run is retried, and the
  // next hour's run finds whatever is still due.
  await boss.work(trashPurgeQueue, { pollingIntervalSeconds: 30 }, async () => {
    const { purged } = await purgeExpiredTrash(db);
    if (purged > 0) console.log(`jobs: purged ${purged} article(s) from the trash`);
  });
  // Scheduled publishing and unpublishing: every wake-up runs whatever is due (lib/schedule).
  // Polled every second, so a schedule runs within about a second of its time.
  await boss.work<ScheduleJobData>(scheduleQueue, { pollingIntervalSeconds: 1 }, async () => {
    const { published, unpublished, failed } = await runDueSchedules(db);
    if (published + unpublished + failed > 0) console.log(`jobs: schedules run: ${published} published, ${unpublished} unpublished, ${failed} failed`);
  });
  // Schedules that fell due while no server ran: carried out now, through the queue (so retried).
  const data: ScheduleJobData = { reason: 'start-up' };
  await boss.send(scheduleQueue, data);
}
