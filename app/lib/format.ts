/** Locale-aware display of dates, numbers and sizes. The time zone is passed in, never guessed. */
import type { Locale } from './i18n';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export function formatDate(value: Date | number | string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(value));
}

export function formatDateTime(value: Date | number | string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(value),
  );
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** Whole days and hours between now and a deadline; negative spans clamp to zero. */
export function timeLeft(deadline: Date | number, now: Date | number): { days: number; hours: number; minutes: number } {
  const ms = Math.max(0, new Date(deadline).getTime() - new Date(now).getTime());
  const minutesTotal = Math.floor(ms / 60_000);
  return {
    days: Math.floor(minutesTotal / 1440),
    hours: Math.floor((minutesTotal % 1440) / 60),
    minutes: minutesTotal % 60,
  };
}
