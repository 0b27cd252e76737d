/** Seed timelines are relative to the moment of seeding, so every phase is populated on the day the database is made. */
export const DAY = 24 * 60 * 60 * 1000;
export const HOUR = 60 * 60 * 1000;

/** Milestones fall on whole hours of the day in China time (UTC+8, no daylight saving). */
export function clock(now: Date) {
  const CHINA_OFFSET = 8 * HOUR;
  const midnight = Math.floor((now.getTime() + CHINA_OFFSET) / DAY) * DAY - CHINA_OFFSET;
  return (days: number, hour = 0) => new Date(midnight + days * DAY + hour * HOUR);
}

export type At = ReturnType<typeof clock>;
