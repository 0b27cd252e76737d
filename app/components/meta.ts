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
