'use server';

import { z } from 'zod';
import { toActionResult, type ActionResult } from '@/lib/action-result';
import { requestIp } from '@/lib/auth/request-ip';
import { authorize } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { acquireEditLock, heartbeatEditLock, releaseEditLock, takeOverEditLock, type LockState } from './edit-lock';

// The editor page's edit lock (lib/articles/edit-lock.ts). Dates cross to the browser as ISO text.
export type LockAnswer = { held: true; token: string } | { held: false; holder: { name: string; heartbeatAt: string } | null };
export type LockResult = ActionResult<LockAnswer>;

const idSchema = z.string().min(1).max(40);
const tokenSchema = z.string().min(1).max(64);

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError('INVALID', '请求无效，请刷新页面');
  return result.data;
}

function view(state: LockState): LockAnswer {
  if (state.held) return state;
  return { held: false, holder: state.holder && { name: state.holder.name, heartbeatAt: state.holder.heartbeatAt.toISOString() } };
}

export async function acquireLockAction(articleId: string): Promise<LockResult> {
  return toActionResult(async () => view(await acquireEditLock(db, await authorize('article:edit'), parsed(idSchema, articleId))));
}

export async function heartbeatLockAction(articleId: string, token: string): Promise<LockResult> {
  return toActionResult(async () => view(await heartbeatEditLock(db, await authorize('article:edit'), parsed(idSchema, articleId), parsed(tokenSchema, token))));
}

export async function takeOverLockAction(articleId: string): Promise<LockResult> {
  return toActionResult(async () => view(await takeOverEditLock(db, await authorize('article:edit'), parsed(idSchema, articleId), await requestIp())));
}

/** With a token: this page lets its own lock go. Without: an admin ends whoever's lock it is. */
export async function releaseLockAction(articleId: string, token: string | null): Promise<ActionResult<undefined>> {
  return toActionResult(async () => {
    const actor = await authorize('article:edit');
    await releaseEditLock(db, actor, parsed(idSchema, articleId), token === null ? null : parsed(tokenSchema, token), await requestIp());
    return undefined;
  });
}
