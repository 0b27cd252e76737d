/**
 * Translation hooks. The locale and time zone come from the root loader, so the server render and
 * the hydrated page always agree.
 */
import { useRouteLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { createTranslator, DEFAULT_LOCALE, type Locale, type Translate } from '~/lib/i18n';
import { DEFAULT_TIME_ZONE, formatDate, formatDateTime, formatNumber } from '~/lib/format';
import type { SiteSettingKey } from '~/lib/vocabulary';

export interface RootUser {
  id: number;
  name: string;
  role: 'participant' | 'official' | 'admin';
  departmentName: string | null;
  unreadNotifications: number;
  /** Things waiting in the department's inbox (officials and admins). */
  inboxCount: number;
  /** A new version of the privacy policy or terms waits for this person's acceptance. */
  consentPending: boolean;
}

/** The site's identity and legal particulars as set by its admins (empty strings where unset). */
export type SiteIdentity = Record<SiteSettingKey, string>;

export interface RootData {
  locale: Locale;
  timeZone: string;
  user: RootUser | null;
  site: SiteIdentity | null;
}

export function useRootData(): RootData {
  // Undefined only when the root loader itself failed; the error page still needs a language.
  return useRouteLoaderData<RootData>('root') ?? { locale: DEFAULT_LOCALE, timeZone: DEFAULT_TIME_ZONE, user: null, site: null };
}

export function useLocale(): Locale {
  return useRootData().locale;
}

export function useT(): Translate {
  const locale = useLocale();
  return useMemo(() => createTranslator(locale), [locale]);
}

export function useFormatters() {
  const { locale, timeZone } = useRootData();
  return useMemo(
    () => ({
      date: (value: Date | number | string) => formatDate(value, locale, timeZone),
      dateTime: (value: Date | number | string) => formatDateTime(value, locale, timeZone),
      number: (value: number) => formatNumber(value, locale),
    }),
    [locale, timeZone],
  );
}

export function useOptionalUser(): RootUser | null {
  return useRootData().user;
}
