'use server';

import { revalidatePath } from 'next/cache';
import { toActionResult, type ActionResult } from '@/lib/action-result';
import { requestIp } from '@/lib/auth/request-ip';
import { authorize } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/dates';
import { cancelSchedule } from './cancel-schedule';
import { scheduleArticle } from './schedule-article';
import { scheduledActionLabels } from './schedule-state';
import { wakeSchedulerAt } from './wake';
import { cancelScheduleSchema, scheduleSchema } from './schemas';

// The workflow panel's scheduling: authorize, parse with zod, one operation, wake the queue.

export type ScheduleState = ActionResult<unknown> | null;

export async function scheduleAction(_prev: ScheduleState, formData: FormData): Promise<ScheduleState> {
  const result = await toActionResult(async () => {
    const actor = await authorize('article:publish');
    const input = scheduleSchema.parse(Object.fromEntries(formData));
    const { runAt, rescheduled } = await scheduleArticle({ actor, ...input, ip: await requestIp() });
    await wakeSchedulerAt(runAt);
    revalidatePath(`/admin/articles/${input.articleId}`, 'layout');
    return `${rescheduled ? '已重新安排' : '已安排'}${scheduledActionLabels[input.action]}：${formatDateTime(runAt)}（北京时间）`;
  });
  return result.ok ? { ...result, message: result.data } : result;
}

export async function cancelScheduleAction(_prev: ScheduleState, formData: FormData): Promise<ScheduleState> {
  return toActionResult(async () => {
    const actor = await authorize('article:publish');
    const { articleId } = cancelScheduleSchema.parse(Object.fromEntries(formData));
    await cancelSchedule({ actor, articleId, ip: await requestIp() });
    revalidatePath(`/admin/articles/${articleId}`, 'layout');
  }, '已取消定时安排');
}
