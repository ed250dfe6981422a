import { z } from 'zod';
import { fromShanghaiDateTime } from '@/lib/dates';

// The boundary of scheduling, shared by the forms (workflow panel, bulk toolbar) and the actions.

export const scheduledActions = ['PUBLISH', 'UNPUBLISH'] as const;

/** How far ahead a schedule may be set. */
export const SCHEDULE_MAX_DAYS = 366;

/** A `datetime-local` value read as China time (the form says so next to the field). */
export const scheduleTimeSchema = z
  .string({ error: '请选择日期和时间' })
  .min(1, '请选择日期和时间')
  .transform((value, ctx) => {
    const instant = fromShanghaiDateTime(value);
    if (!instant) {
      ctx.addIssue({ code: 'custom', message: '日期和时间格式无效' });
      return z.NEVER;
    }
    return instant;
  });

export const scheduleSchema = z.object({
  articleId: z.string().min(1).max(40),
  version: z.coerce.number().int().positive(),
  action: z.enum(scheduledActions, { error: '请求无效' }),
  runAt: scheduleTimeSchema,
});

export const cancelScheduleSchema = z.object({ articleId: z.string().min(1).max(40) });
