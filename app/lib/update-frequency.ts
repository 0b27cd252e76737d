/**
 * When a dataset is late against the update frequency its department declared: one period and a
 * grace (a monthly table published on the 3rd instead of the 1st is not late). Irregular and
 * one-off datasets are never late.
 */
import type { UpdateFrequency } from './vocabulary';

const DAY_MS = 24 * 60 * 60 * 1000;

export const LATE_AFTER_MS: Partial<Record<UpdateFrequency, number>> = {
  realtime: 2 * DAY_MS,
  daily: 2 * DAY_MS,
  weekly: 9 * DAY_MS,
  monthly: 35 * DAY_MS,
  quarterly: 100 * DAY_MS,
  yearly: 380 * DAY_MS,
};

export function isLate(frequency: UpdateFrequency, lastUpdate: Date, now: Date): boolean {
  const after = LATE_AFTER_MS[frequency];
  return after !== undefined && now.getTime() - lastUpdate.getTime() > after;
}
