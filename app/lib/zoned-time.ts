/**
 * Converting between instants and wall-clock times in a named time zone, for datetime-local
 * inputs: an official in 云溪市 types 2027-03-31 18:00 and means China time, whatever the server's
 * own zone is.
 */

/** One formatter per zone: building one costs far more than using it. */
const partFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneParts(date: Date, timeZone: string): Record<string, number> {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(date);
  const result: Record<string, number> = {};
  for (const part of parts) if (part.type !== 'literal') result[part.type] = Number(part.value);
  return result;
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(date: Date, timeZone: string): number {
  const p = zoneParts(date, timeZone);
  const asUtc = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** The zone's offset from UTC at that instant, in milliseconds (Beijing: 8 hours). */
export function zoneOffsetMs(date: Date, timeZone: string): number {
  return offsetAt(date, timeZone);
}

/** "YYYY-MM-DDTHH:mm" in the zone → the instant, or null when the text is not such a time. */
export function zonedLocalToDate(local: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(guess).getUTCDate() !== day) return null;
  // Two passes settle the offset even across a daylight-saving change.
  let instant = guess - offsetAt(new Date(guess), timeZone);
  instant = guess - offsetAt(new Date(instant), timeZone);
  return new Date(instant);
}

/** The instant as "YYYY-MM-DDTHH:mm" in the zone, for a datetime-local input's value. */
export function dateToZonedLocal(date: Date, timeZone: string): string {
  const p = zoneParts(date, timeZone);
  const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** Zones whose clocks are Beijing's: people call that Beijing time, not by the zone's identifier. */
const BEIJING_ZONES = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'PRC']);

export function isBeijingTime(timeZone: string): boolean {
  return BEIJING_ZONES.has(timeZone);
}

/** Any other zone as the reader's locale names it (e.g. "Central European Time"), else its identifier. */
export function zoneDisplayName(timeZone: string, locale: string): string {
  try {
    const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName');
    return part?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}
