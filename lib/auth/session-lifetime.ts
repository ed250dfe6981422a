// How long a session lasts: it ends after `idleMs` without a request, and `absoluteMs` after
// sign-in whatever happens. SESSION_IDLE_HOURS (default 8) and SESSION_ABSOLUTE_DAYS (default 7)
// set them; a value that is not a positive number falls back to the default rather than to
// "never expire".
export type SessionLifetime = { idleMs: number; absoluteMs: number };

const hour = 60 * 60 * 1000;

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function sessionLifetime(env: Record<string, string | undefined> = process.env): SessionLifetime {
  return {
    idleMs: positive(env.SESSION_IDLE_HOURS, 8) * hour,
    absoluteMs: positive(env.SESSION_ABSOLUTE_DAYS, 7) * 24 * hour,
  };
}

/** Whether a session created at `createdAt` and last seen at `lastSeenAt` is still alive at `now`. */
export function isSessionAlive(session: { createdAt: Date; lastSeenAt: Date }, now: Date, lifetime: SessionLifetime): boolean {
  return now.getTime() - session.lastSeenAt.getTime() < lifetime.idleMs && now.getTime() - session.createdAt.getTime() < lifetime.absoluteMs;
}
