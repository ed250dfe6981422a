'use server';

import { z } from 'zod';
import type { ActionResult } from '@/lib/action-result';
import { defineAction } from '@/lib/actions/define-action';
import { requestIp } from '@/lib/auth/request-ip';
import { db } from '@/lib/db/client';
import { acquireEditLock, heartbeatEditLock, releaseEditLock, takeOverEditLock, type LockState } from './edit-lock';

// The editor page's edit lock (lib/articles/edit-lock.ts). Dates cross to the browser as ISO text.
export type LockAnswer = { held: true; token: string } | { held: false; holder: { name: string; heartbeatAt: string } | null };
export type LockResult = ActionResult<LockAnswer>;

// The page sends these itself: a refusal means the page is out of date (or was tampered with).
const stale = '请求无效，请刷新页面';
const articleId = z.string({ error: stale }).min(1, stale).max(40, stale);
const token = z.string({ error: stale }).min(1, stale).max(64, stale);

function view(state: LockState): LockAnswer {
  if (state.held) return state;
  return { held: false, holder: state.holder && { name: state.holder.name, heartbeatAt: state.holder.heartbeatAt.toISOString() } };
}

export const acquireLockAction = defineAction('article:edit', z.object({ articleId }), async ({ actor, input }) =>
  view(await acquireEditLock(db, actor, input.articleId)),
);

export const heartbeatLockAction = defineAction('article:edit', z.object({ articleId, token }), async ({ actor, input }) =>
  view(await heartbeatEditLock(db, actor, input.articleId, input.token)),
);

export const takeOverLockAction = defineAction('article:edit', z.object({ articleId }), async ({ actor, input }) =>
  view(await takeOverEditLock(db, actor, input.articleId, await requestIp())),
);

/** With a token: this page lets its own lock go. Without (null): an admin ends whoever's lock it is. */
export const releaseLockAction = defineAction('article:edit', z.object({ articleId, token: token.nullable() }), async ({ actor, input }) => {
  await releaseEditLock(db, actor, input.articleId, input.token, await requestIp());
  return undefined;
});
