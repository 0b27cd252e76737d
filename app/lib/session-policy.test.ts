import { describe, expect, it } from 'vitest';
import { SESSION_IDLE_MS, SESSION_TOUCH_INTERVAL_MS, isSessionAlive, shouldTouchSession } from './session-policy';

const start = new Date('2026-01-01T00:00:00Z');
const later = (ms: number) => new Date(start.getTime() + ms);

describe('session policy', () => {
  it('ends a session at its absolute expiry even when active', () => {
    const session = { lastSeenAt: later(1000), expiresAt: later(2000) };
    expect(isSessionAlive(session, later(1999))).toBe(true);
    expect(isSessionAlive(session, later(2000))).toBe(false);
  });

  it('ends an idle session', () => {
    const session = { lastSeenAt: start, expiresAt: later(10 * SESSION_IDLE_MS) };
    expect(isSessionAlive(session, later(SESSION_IDLE_MS - 1))).toBe(true);
    expect(isSessionAlive(session, later(SESSION_IDLE_MS))).toBe(false);
  });

  it('writes last-seen only every few minutes', () => {
    const session = { lastSeenAt: start, expiresAt: later(SESSION_IDLE_MS) };
    expect(shouldTouchSession(session, later(SESSION_TOUCH_INTERVAL_MS - 1))).toBe(false);
    expect(shouldTouchSession(session, later(SESSION_TOUCH_INTERVAL_MS))).toBe(true);
  });
});
