/** How long a session lives. Pure so the rules can be tested with a fixed clock. */
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
/** Last-seen is written at most this often, so reading pages does not mean writing rows. */
export const SESSION_TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export interface SessionTimes {
  lastSeenAt: Date;
  expiresAt: Date;
}

export function isSessionAlive(session: SessionTimes, now: Date): boolean {
  return now.getTime() < session.expiresAt.getTime() && now.getTime() - session.lastSeenAt.getTime() < SESSION_IDLE_MS;
}

export function shouldTouchSession(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
}
