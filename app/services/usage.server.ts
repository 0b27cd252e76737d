/**
 * Counts downloads and API calls without a database write per request: counts gather in memory
 * and are added to usage_daily every minute and at shutdown. A crash loses at most a minute of
 * counts, which statistics can afford; every process adds its own, so several processes agree.
 */
import { config } from '~/config.server';
import { dateToZonedLocal } from '~/lib/zoned-time';
import type { UsageKind } from '~/lib/vocabulary';
import { addUsage } from '~/models/usage.server';
import { errorFields, log } from '~/log.server';

const FLUSH_MS = 60_000;
const pending = new Map<string, number>();
let timer: NodeJS.Timeout | null = null;

export function countUsage(kind: UsageKind, now = new Date()): void {
  const key = `${dateToZonedLocal(now, config().timeZone).slice(0, 10)}|${kind}`;
  pending.set(key, (pending.get(key) ?? 0) + 1);
  if (!timer) {
    timer = setInterval(() => void flushUsage(), FLUSH_MS);
    timer.unref();
  }
}

/** Writes what was counted; on failure the counts stay for the next try. */
export async function flushUsage(): Promise<void> {
  if (pending.size === 0) return;
  const counts = [...pending.entries()].map(([key, count]) => {
    const [day = '', kind] = key.split('|');
    return { day, kind: kind as UsageKind, count };
  });
  pending.clear();
  try {
    await addUsage(counts);
  } catch (error) {
    for (const { day, kind, count } of counts) pending.set(`${day}|${kind}`, (pending.get(`${day}|${kind}`) ?? 0) + count);
    log.warn(errorFields(error), 'usage counts not saved yet');
  }
}
