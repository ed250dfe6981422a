// How long an article stays in the trash before the scheduled purge (lib/jobs) deletes it for good.
export const trashRetentionDays = 30;

const dayMs = 24 * 60 * 60 * 1000;

/** Articles moved to the trash before this instant are due for the purge. */
export function purgeCutoff(now: Date): Date {
  return new Date(now.getTime() - trashRetentionDays * dayMs);
}

/** When the purge deletes an article moved to the trash at `deletedAt` (at its first run after this). */
export function purgeDueAt(deletedAt: Date): Date {
  return new Date(deletedAt.getTime() + trashRetentionDays * dayMs);
}
