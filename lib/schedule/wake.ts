import 'server-only';
import { sendScheduleWakeUp } from '@/lib/jobs/queue';

/**
 * Wakes the scheduler at each of `times` (once per distinct instant). A schedule is saved whether
 * or not this succeeds: the scheduler's minute sweep and its start-up run find it anyway
 * (lib/jobs/queue.ts), so a failure is logged, not shown.
 */
export async function wakeSchedulerAt(...times: Date[]): Promise<void> {
  const distinct = [...new Set(times.map((t) => t.getTime()))];
  await Promise.all(
    distinct.map((t) =>
      sendScheduleWakeUp(new Date(t)).catch((error) => console.error('schedule: waking the scheduler failed; the minute sweep will run it', error)),
    ),
  );
}
