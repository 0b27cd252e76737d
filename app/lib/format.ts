/** Locale-aware display of dates, numbers and sizes. The time zone is passed in, never guessed. */
import type { Locale } from './i18n';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * Intl formatters are costly to build (a hundred times the cost of formatting one date) and a long
 * list formats hundreds of dates, so each combination of options is built once and kept.
 */
const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const numberFormatters = new Map<string, Intl.NumberFormat>();

function dateFormatter(locale: Locale, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime ? 't' : 'd'}`;
  let formatter = dateFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(withTime ? { timeStyle: 'short' } : {}), timeZone });
    dateFormatters.set(key, formatter);
  }
  return formatter;
}

function numberFormatter(locale: Locale, maximumFractionDigits?: number): Intl.NumberFormat {
  const key = `${locale}|${maximumFractionDigits ?? ''}`;
  let formatter = numberFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, maximumFractionDigits === undefined ? {} : { maximumFractionDigits });
    numberFormatters.set(key, formatter);
  }
  return formatter;
}

export function formatDate(value: Date | number | string, locale: Locale, timeZone: string): string {
  return dateFormatter(locale, timeZone, false).format(new Date(value));
}

export function formatDateTime(value: Date | number | string, locale: Locale, timeZone: string): string {
  return dateFormatter(locale, timeZone, true).format(new Date(value));
}

export function formatNumber(value: number, locale: Locale): string {
  return numberFormatter(locale).format(value);
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
  return `${numberFormatter(locale, digits).format(value)} ${units[unit]}`;
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
