'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { EDIT_LOCK_HEARTBEAT_SECONDS } from '@/lib/articles/edit-lock-timing';
import { acquireLockAction, heartbeatLockAction, releaseLockAction, takeOverLockAction, type LockResult } from '@/lib/articles/lock-actions';

export type LockHolderView = { name: string; heartbeatAt: string };

/**
 * The editor page's edit lock (lib/articles/edit-lock.ts), as the page sees it:
 * - `held`: this page edits;
 * - `other`: someone else edits, this page is read-only (it keeps asking, and says when the
 *   article is free);
 * - `free`: the other person left; the page offers to load the latest content and edit;
 * - `lost`: this page held the lock and someone took it over (or an admin released it).
 */
export type LockView = { kind: 'held' } | { kind: 'other'; holder: LockHolderView | null } | { kind: 'free' } | { kind: 'lost'; holder: LockHolderView | null };

export function useEditLock(articleId: string, initialHolder: LockHolderView | null) {
  const [lock, setLock] = useState<LockView>(initialHolder ? { kind: 'other', holder: initialHolder } : { kind: 'held' });
  const token = useRef<string | null>(null);
  const kind = useRef(lock.kind);
  useEffect(() => {
    kind.current = lock.kind;
  }, [lock.kind]);

  useEffect(() => {
    let stopped = false;
    const apply = (result: LockResult) => {
      // A failed request (network, a restart) changes nothing: the next beat asks again.
      if (stopped || !result.ok) return;
      if (result.data.held) {
        token.current = result.data.token;
        if (kind.current === 'other') setLock({ kind: 'free' });
        return;
      }
      const holder = result.data.holder;
      const hadIt = token.current !== null;
      token.current = null;
      setLock(hadIt || kind.current === 'lost' ? { kind: 'lost', holder } : { kind: 'other', holder });
    };
    const beat = () => {
      if (kind.current === 'lost' || kind.current === 'free') {
        if (token.current) void heartbeatLockAction({ articleId, token: token.current }).then(apply, () => {});
        return;
      }
      const request = token.current ? heartbeatLockAction({ articleId, token: token.current }) : acquireLockAction({ articleId });
      void request.then(apply, () => {});
    };
    beat();
    const timer = window.setInterval(beat, EDIT_LOCK_HEARTBEAT_SECONDS * 1000);
    const release = () => {
      if (token.current) void releaseLockAction({ articleId, token: token.current }).catch(() => {});
      token.current = null;
    };
    window.addEventListener('pagehide', release);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      window.removeEventListener('pagehide', release);
      release();
    };
  }, [articleId]);

  /** Takes the lock and reloads the page with the latest content (unsaved text is offered back). */
  const takeOver = useCallback(async () => {
    const result = await takeOverLockAction({ articleId });
    if (result.ok) window.location.reload();
    return result;
  }, [articleId]);

  /** An admin ends whoever's lock it is. */
  const releaseOther = useCallback(async () => {
    const result = await releaseLockAction({ articleId, token: null });
    if (result.ok) window.location.reload();
    return result;
  }, [articleId]);

  return { lock, takeOver, releaseOther };
}
