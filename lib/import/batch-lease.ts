import { constants } from 'node:os';
import pg from 'pg';
import { pgConfigFromUrl } from '@/lib/db/pg-config';

// A CLI import (`npm run import`) runs its batch in its own process; nothing else would ever end
// the batch if that process died (a queued upload batch has its pg-boss job for that:
// import-job.ts). So the process holds a PostgreSQL session-level advisory lock keyed by its
// batch for as long as it runs, on a connection of its own: the database lets go of it when the
// process goes, however it goes (SIGKILL, a crash, the machine). Every CLI import first fails
// the RUNNING CLI batches whose lock nobody holds. SIGINT and SIGTERM fail the batch at once.
//
// Opening a batch (creating its row, then taking its lock) happens under a lock of its own, which
// the check takes too, so that it never sees a batch between those two steps.

/** Two-key advisory locks (class, hashtext(batch id)): objsubid 2 in pg_locks. */
const leaseClass = 4209;
/** One-key lock held while a CLI import opens its batch. */
const openingLock = 4210;

export const deadBatchMessage =
  '导入进程已意外终止（被强制结束或机器重启），导入没有完成。表中列出已处理的文件；请重新导入同样的文件，已导入的文件会显示为“未变”。';

export function interruptedBySignalMessage(signal: string): string {
  return `导入被中断（收到 ${signal} 信号），已停止。表中列出已处理的文件；请重新导入同样的文件，已导入的文件会显示为“未变”。`;
}

export type BatchLease = {
  /** Called once the batch row exists: holds its lock until `end`, and fails it on SIGINT/SIGTERM. */
  hold: (batchId: string) => Promise<void>;
  /** Lets go of the lock (the batch is finished or failed by then) and of the signal handlers. */
  end: () => Promise<void>;
};

/**
 * Fails the CLI batches whose process is gone, then starts the lease of the batch this process
 * is about to open (call `hold` with its id, `end` in any case).
 */
export async function startBatchLease(databaseUrl = process.env.DATABASE_URL): Promise<BatchLease> {
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const client = new pg.Client({ ...pgConfigFromUrl(databaseUrl), application_name: 'baoda-import-lease' });
  // A connection lost later loses the lock only: the import goes on, and a later run may fail
  // the batch it then finds unlocked.
  client.on('error', (error) => console.error('import: the batch lease connection failed', error));
  await client.connect();
  // A machine that went away without closing its connection: the server notices in about a
  // minute and a half instead of the system's default of hours.
  await client.query('SET tcp_keepalives_idle = 60; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3');
  let signalHandler: ((signal: NodeJS.Signals) => void) | null = null;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [openingLock]);
    for (const batchId of await deadCliBatches(client)) {
      await failBatch(client, batchId, deadBatchMessage);
      console.error(`此前的导入批次 ${batchId} 的进程已不在运行，已将其标记为失败。`);
    }
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  return {
    hold: async (batchId) => {
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [leaseClass, batchId]);
      await client.query('SELECT pg_advisory_unlock($1)', [openingLock]);
      signalHandler = (signal) => void failOnSignal(client, batchId, signal);
      process.once('SIGINT', signalHandler);
      process.once('SIGTERM', signalHandler);
    },
    end: async () => {
      if (signalHandler) {
        process.off('SIGINT', signalHandler);
        process.off('SIGTERM', signalHandler);
      }
      await client.end().catch(() => {});
    },
  };
}

/** RUNNING CLI batches of this database whose lease nobody holds. */
async function deadCliBatches(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT b.id FROM "ImportBatch" b
     WHERE b.status = 'RUNNING' AND b.source = 'cli'
       AND NOT EXISTS (
         SELECT 1 FROM pg_locks l
         WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND l.classid = $1::int::oid AND l.objid = hashtext(b.id)::oid)`,
    [leaseClass],
  );
  return rows.map((r) => r.id);
}

/**
 * Ends an unfinished batch as failed with `message`, with the totals of the files it did import
 * (as import-job.ts's markImportFailed does for a queued one). On the lease's own connection: the
 * app's pool may be busy with the import this ends.
 */
async function failBatch(client: pg.Client, batchId: string, message: string): Promise<void> {
  await client.query(
    `UPDATE "ImportBatch" b
     SET status = 'FAILED', error = $2, "finishedAt" = now() AT TIME ZONE 'UTC',
         created = c.created, updated = c.updated, unchanged = c.unchanged, failed = c.failed, "processedFiles" = c.total
     FROM (
       SELECT count(*) FILTER (WHERE outcome = 'CREATED')::int AS created, count(*) FILTER (WHERE outcome = 'UPDATED')::int AS updated,
              count(*) FILTER (WHERE outcome = 'UNCHANGED')::int AS unchanged, count(*) FILTER (WHERE outcome = 'FAILED')::int AS failed,
              count(*)::int AS total
       FROM "ImportItem" WHERE "batchId" = $1
     ) c
     WHERE b.id = $1 AND b.status IN ('QUEUED', 'RUNNING')`,
    [batchId, message],
  );
}

// Ctrl-C or a service manager's stop: the batch is failed now rather than at the next run. The
// file being written is rolled back with the connection, as with any other end of the process.
async function failOnSignal(client: pg.Client, batchId: string, signal: NodeJS.Signals): Promise<void> {
  try {
    await failBatch(client, batchId, interruptedBySignalMessage(signal));
    console.error(`\n导入已中断（${signal}）：批次 ${batchId} 已标记为失败；重新导入同样的文件即可继续，已导入的文件会显示为“未变”。`);
  } catch (error) {
    console.error('import: marking the interrupted batch failed did not work; the next import will', error);
  } finally {
    process.exit(128 + constants.signals[signal]);
  }
}
