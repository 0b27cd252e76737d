/**
 * Locale negotiation and message formatting. Pure: the caller passes the cookie value and the
 * Accept-Language header; nothing here reads a request.
 *
 * The catalogues are registered, not imported: the server registers both (app/locales/all.server.ts,
 * loaded by entry.server.tsx, the CLI and the unit-test setup), the browser only the one its page
 * is in (entry.client.tsx loads it before hydrating), so a visitor downloads one language.
 */
import type { MessageKey } from '~/locales/zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export type { MessageKey };

const catalogs: Partial<Record<Locale, Record<MessageKey, string>>> = {};

export function registerCatalog(locale: Locale, catalog: Record<MessageKey, string>): void {
  catalogs[locale] = catalog;
}

/** The catalogue of a locale, or the default one; a missing registration is a bug, said loudly. */
function catalogOf(locale: Locale): Record<MessageKey, string> {
  const catalog = catalogs[locale] ?? catalogs[DEFAULT_LOCALE] ?? Object.values(catalogs)[0];
  if (!catalog) throw new Error('no message catalogue registered (import app/locales/all.server.ts on the server)');
  return catalog;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
  // Every catalogue has every key (the compiler checks en against zh-CN), so any loaded one tells.
  return typeof value === 'string' && Object.values(catalogs).some((catalog) => Object.hasOwn(catalog, value));
}

/**
 * Picks the UI locale: an explicit choice (cookie) wins, then the browser's Accept-Language
 * preferences in q order, then Chinese. Any `zh*` tag maps to zh-CN and any `en*` tag to en.
 */
export function negotiateLocale(choice: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(choice)) return choice;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return DEFAULT_LOCALE;
}

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Replaces `{name}` placeholders; unknown placeholders are left visible so they get noticed. */
export function formatMessage(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function createTranslator(locale: Locale): Translate {
  const catalog = catalogOf(locale);
  return (key, params) => formatMessage(catalog[key] ?? key, params);
}

/** Translates a validation message that is meant to be a message key, with a safe fallback. */
export function translateError(t: Translate, message: string | undefined): string | undefined {
  if (!message) return undefined;
  return isMessageKey(message) ? t(message) : t('errors.invalid');
}

export function catalogFor(locale: Locale): Record<MessageKey, string> {
  return catalogOf(locale);
}
