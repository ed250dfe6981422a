import PgBoss from 'pg-boss';
import { pgConfigFromUrl } from '@/lib/db/pg-config';

// Background jobs run on pg-boss: a job queue kept in the app's own PostgreSQL (schema "pgboss",
// created and migrated by pg-boss when it starts), on the machine's PostgreSQL and the embedded
// one alike. One pg-boss instance per process, kept on globalThis: the server
// (scripts/serve.ts) starts it with the workers (lib/jobs/workers.ts), and the server actions in
// the Next bundle, which has its own copy of this module, send through that same instance.

/** One job per confirmed upload: import the staged files of ImportBatch `batchId`. */
export const importQueue = 'import-batch';
/** pg-boss moves an import job here when it failed for the last time, also by timeout or shutdown. */
export const importFailedQueue = 'import-batch-failed';

export type ImportJobData = { batchId: string };

export const importQueueOptions = {
  // A retried job resumes where the last attempt stopped (see importPages' batchId option).
  retryLimit: 3,
  retryDelay: 2,
  // How long before pg-boss hands the job out again: a crashed server's import is picked up after
  // this. It does so even while the first handler still runs; runImportJob then waits for that
  // run in the same process. 10,000 pages take under a minute here.
  expireInSeconds: 30 * 60,
  deadLetter: importFailedQueue,
};

/**
 * The trash's purge (lib/trash/purge-trash.ts): a pg-boss schedule, kept in its database, so it
 * outlives restarts and is sent once per run however many servers watch the clock. Hourly: pg-boss
 * sends a cron job only while a server is up at that minute, and a purge with nothing due is one
 * index lookup, so a server that was down at some hour purges at the next.
 */
export const trashPurgeQueue = 'trash-purge';
export const trashPurgeCron = '7 * * * *';

export const trashPurgeQueueOptions = {
  retryLimit: 2,
  retryDelay: 60,
  expireInSeconds: 15 * 60,
  // At most one purge queued and one running: a slow purge never piles up hourly runs.
  policy: 'stately' as const,
};

/**
 * Scheduled publishing and unpublishing (lib/schedule). The schedule itself is a row's columns
 * (Article.scheduledAt …); jobs on this queue only wake the scheduler, which runs whatever is due:
 * one delayed job per schedule, sent for its time (`startAfter`, kept in pgboss.job, so it outlives
 * restarts and a server that was down runs it when it starts), a job at every start-up, and a
 * minute's cron as a safety net (a wake-up lost between the schedule's commit and its send).
 */
export const scheduleQueue = 'article-schedule';
export const scheduleSweepCron = '* * * * *';

export const scheduleQueueOptions = {
  retryLimit: 5,
  retryDelay: 5,
  expireInSeconds: 5 * 60,
};

export type ScheduleJobData = { runAt?: string; reason?: 'start-up' };

type JobState = { boss: Promise<PgBoss>; workerIds: Map<string, string> };
const globalForJobs = globalThis as unknown as { baodaJobs?: JobState };

type QueueOptions = {
  /**
   * Watch the clock for scheduled jobs (the process that runs the workers, lib/jobs/workers.ts).
   * Decided by the call that starts the queue; the server starts its workers before it serves.
   */
  schedules?: boolean;
};

/** This process's pg-boss, started (and its queues created) on first use. */
export function getJobQueue(options: QueueOptions = {}): Promise<PgBoss> {
  if (!globalForJobs.baodaJobs) {
    const url = process.env.DATABASE_URL;
    if (!url) return Promise.reject(new Error('DATABASE_URL is not set: the job queue lives in the app database.'));
    const boss = startJobQueue(url, options);
    globalForJobs.baodaJobs = { boss, workerIds: new Map() };
    // A failed start (database down) is not remembered: the next call tries again.
    boss.catch(() => {
      if (globalForJobs.baodaJobs?.boss === boss) delete globalForJobs.baodaJobs;
    });
  }
  return globalForJobs.baodaJobs.boss;
}

async function startJobQueue(databaseUrl: string, options: QueueOptions): Promise<PgBoss> {
  const { host, port, user, password, database, ssl } = pgConfigFromUrl(databaseUrl);
  const boss = new PgBoss({
    host,
    port,
    user,
    password: typeof password === 'string' ? password : undefined,
    database,
    ssl,
    application_name: 'baoda-jobs',
    // One import job at a time, the clock and the hand-off queue: a small pool is all the queue needs.
    max: 2,
    // Only the workers' process keeps pg-boss's clock and cron polling (a query every 30 s, and
    // its hand-off queue polled every 30 s): senders need neither.
    schedule: options.schedules === true,
    cronWorkerIntervalSeconds: 30,
  });
  boss.on('error', (error) => console.error('jobs: pg-boss error', error));
  await boss.start();
  // pg-boss 10 needs a queue before send/work; creating an existing one changes nothing, and
  // updateQueue keeps its options in step with this file.
  await boss.createQueue(importFailedQueue);
  await boss.createQueue(importQueue, { name: importQueue, ...importQueueOptions });
  await boss.updateQueue(importQueue, { name: importQueue, ...importQueueOptions });
  await boss.createQueue(trashPurgeQueue, { name: trashPurgeQueue, ...trashPurgeQueueOptions });
  await boss.updateQueue(trashPurgeQueue, { name: trashPurgeQueue, ...trashPurgeQueueOptions });
  await boss.createQueue(scheduleQueue, { name: scheduleQueue, ...scheduleQueueOptions });
  await boss.updateQueue(scheduleQueue, { name: scheduleQueue, ...scheduleQueueOptions });
  // Stored in pgboss.schedule (an upsert): the schedules are there after any restart.
  await boss.schedule(trashPurgeQueue, trashPurgeCron);
  await boss.schedule(scheduleQueue, scheduleSweepCron);
  return boss;
}

/** Queues the import of a batch whose files are staged (lib/import/stage-upload.ts). */
export async function sendImportJob(batchId: string): Promise<string> {
  const boss = await getJobQueue();
  const data: ImportJobData = { batchId };
  const jobId = await boss.send(importQueue, data);
  if (!jobId) throw new Error(`jobs: pg-boss did not queue the import of batch ${batchId}`);
  // A worker of this process picks the job up now rather than at its next poll.
  const workerId = globalForJobs.baodaJobs?.workerIds.get(importQueue);
  if (workerId) boss.notifyWorker(workerId);
  return jobId;
}

/** Wakes the scheduler at `runAt` (see scheduleQueue); a time already past wakes it now. */
export async function sendScheduleWakeUp(runAt: Date): Promise<void> {
  const boss = await getJobQueue();
  const data: ScheduleJobData = { runAt: runAt.toISOString() };
  const jobId = await boss.send(scheduleQueue, data, { startAfter: runAt });
  if (!jobId) throw new Error(`jobs: pg-boss did not queue the wake-up for ${runAt.toISOString()}`);
}

/** Remembers a worker of this process, so that sendImportJob can wake it. */
export function registerLocalWorker(queue: string, workerId: string): void {
  globalForJobs.baodaJobs?.workerIds.set(queue, workerId);
}

/**
 * Stops the workers and closes the queue's connections. A job still running after `timeoutMs`
 * is marked failed, so pg-boss retries it (it resumes) after the next start.
 */
export async function stopJobQueue(timeoutMs = 3000): Promise<void> {
  const state = globalForJobs.baodaJobs;
  if (!state) return;
  delete globalForJobs.baodaJobs;
  const boss = await state.boss.catch(() => null);
  await boss?.stop({ graceful: true, wait: true, timeout: timeoutMs });
}
