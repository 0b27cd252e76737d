/**
 * How notifications reach people by e-mail: the default choice per kind, and when the daily
 * digest is due. Pure, so the worker's timing is unit-tested without a clock.
 */
import type { Delivery, NotificationKind } from '~/lib/vocabulary';
import { dateToZonedLocal, zonedLocalToDate } from './zoned-time';

/** Things a person is waiting for come at once; news about things they follow comes once a day. */
export const DEFAULT_DELIVERY: Record<NotificationKind, Delivery> = {
  team_invitation: 'instant',
  entry_received: 'instant',
  challenge_update: 'digest',
  request_answered: 'instant',
  dataset_updated: 'digest',
  feedback_available: 'instant',
  results_published: 'digest',
  comment_reply: 'digest',
  request_received: 'instant',
  question_received: 'instant',
  application_received: 'instant',
  application_decided: 'instant',
  request_challenge: 'instant',
  adoption_update: 'instant',
  request_idea_adopted: 'digest',
};

export function deliveryFor(kind: NotificationKind, chosen: ReadonlyMap<NotificationKind, Delivery>): Delivery {
  return chosen.get(kind) ?? DEFAULT_DELIVERY[kind];
}

/** The latest digest time (hour:00 in the zone) at or before `now`. */
export function lastDigestSlot(now: Date, timeZone: string, hour: number): Date {
  const today = dateToZonedLocal(now, timeZone).slice(0, 10);
  const slot = zonedLocalToDate(`${today}T${String(hour).padStart(2, '0')}:00`, timeZone);
  if (!slot) throw new Error(`bad digest hour ${hour}`);
  if (slot.getTime() <= now.getTime()) return slot;
  return new Date(slot.getTime() - 24 * 60 * 60_000);
}

/**
 * A digest goes out at the first slot after its oldest waiting item, once per slot: something that
 * happened at 15:00 is in the next morning's digest, not mailed at 15:10.
 */
export function digestDue(now: Date, oldestPending: Date, lastDigestAt: Date | null, timeZone: string, hour: number): boolean {
  const slot = lastDigestSlot(now, timeZone, hour).getTime();
  return oldestPending.getTime() < slot && (lastDigestAt === null || lastDigestAt.getTime() < slot);
}
