'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/action-result';
import { defineAction } from '@/lib/actions/define-action';
import { requestIp } from '@/lib/auth/request-ip';
import { formatDateTime } from '@/lib/dates';
import { cancelSchedule } from './cancel-schedule';
import { scheduleArticle } from './schedule-article';
import { scheduledActionLabels } from './schedule-state';
import { wakeSchedulerAt } from './wake';
import { cancelScheduleSchema, scheduleSchema } from './schemas';

// The workflow panel's scheduling: authorize, parse with zod, one operation, wake the queue.

export type ScheduleState = ActionResult<unknown> | null;

export const scheduleAction = defineAction(
  'article:publish',
  scheduleSchema,
  async ({ actor, input }) => {
    const { runAt, rescheduled } = await scheduleArticle({ actor, ...input, ip: await requestIp() });
    await wakeSchedulerAt(runAt);
    revalidatePath(`/admin/articles/${input.articleId}`, 'layout');
    return `${rescheduled ? '已重新安排' : '已安排'}${scheduledActionLabels[input.action]}：${formatDateTime(runAt)}（北京时间）`;
  },
  { message: (said) => said },
);

export const cancelScheduleAction = defineAction(
  'article:publish',
  cancelScheduleSchema,
  async ({ actor, input }) => {
    await cancelSchedule({ actor, articleId: input.articleId, ip: await requestIp() });
    revalidatePath(`/admin/articles/${input.articleId}`, 'layout');
  },
  { message: '已取消定时安排' },
);
