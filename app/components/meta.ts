import { isRouteErrorResponse } from '@remix-run/react';
import type { MetaDescriptor } from '@remix-run/node';
import { createTranslator, DEFAULT_LOCALE, type MessageKey, type Translate } from '~/lib/i18n';
import type { RootData } from './i18n';

type Match = { id: string; data: unknown };

/** The translator for meta functions, which cannot use hooks. */
export function metaTranslator(matches: readonly Match[]): Translate {
  const root = matches.find((m) => m.id === 'root')?.data as RootData | undefined;
  return createTranslator(root?.locale ?? DEFAULT_LOCALE);
}

/** `<title>` as "Page · 金点子", from a message key or a literal (e.g. a dataset's title). */
export function pageMeta(matches: readonly Match[], title: MessageKey | { literal: string }, description?: string): MetaDescriptor[] {
  const t = metaTranslator(matches);
  const text = typeof title === 'string' ? t(title) : title.literal;
  const tags: MetaDescriptor[] = [{ title: `${text} · ${t('app.name')}` }];
  if (description) tags.push({ name: 'description', content: description.slice(0, 200) });
  return tags;
}

const ERROR_TITLES: Record<number, MessageKey> = {
  400: 'errors.badRequest.title',
  401: 'errors.unauthorized.title',
  403: 'errors.forbidden.title',
  404: 'errors.notFound.title',
  413: 'errors.tooLarge.title',
  429: 'errors.tooMany.title',
  507: 'errors.storageFull.title',
};

/** `<title>` of a page that failed: what happened (a refused read is not "page not found"). */
export function errorPageMeta(matches: readonly Match[], error: unknown): MetaDescriptor[] {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return pageMeta(matches, ERROR_TITLES[status] ?? 'errors.server.title');
}
