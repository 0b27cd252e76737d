/**
 * Working days for answer deadlines: Monday to Friday in the site's time zone. Public holidays and
 * the weekend days worked in their place (调休) are announced each year and not known here, so a
 * deadline around 国庆 or 春节 reads a few days early rather than late.
 */

function civilDay(date: Date, timeZone: string): { epochDay: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const epochDay = Math.floor(Date.UTC(get('year'), get('month') - 1, get('day')) / 86_400_000);
  // 1970-01-01 was a Thursday (weekday 4, with Sunday 0).
  return { epochDay, weekday: (((epochDay + 4) % 7) + 7) % 7 };
}

/** Working days that have passed from `from` to `to`: the day of `from` itself does not count. */
export function workingDaysBetween(from: Date, to: Date, timeZone: string): number {
  const start = civilDay(from, timeZone);
  const end = civilDay(to, timeZone);
  let count = 0;
  for (let day = start.epochDay + 1, weekday = (start.weekday + 1) % 7; day <= end.epochDay; day++, weekday = (weekday + 1) % 7) {
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}
