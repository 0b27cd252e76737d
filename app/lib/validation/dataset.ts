/** The dataset form: what an official may set, checked the same way in the browser and on the server. */
import { z } from 'zod';
import type { MessageKey } from '../i18n';
import { DATASET_THEMES } from '../vocabulary';

const key = (k: MessageKey) => k;

export const LICENCE_VALUES = ['cc-by-4.0', 'cc0-1.0', 'odc-by', 'gov-open'] as const;
export const FREQUENCY_VALUES = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'irregular', 'once'] as const;
export const KEY_KIND_VALUES = ['uscc', 'admin_division', 'date', 'year_month'] as const;
export type KeyKindValue = (typeof KEY_KIND_VALUES)[number];

/** Orders of the public dataset list. */
export const DATASET_SORTS = ['recent', 'updated', 'title'] as const;
export type DatasetSort = (typeof DATASET_SORTS)[number];

/** CKAN's rule for a package name: 2–100 lower-case letters, digits, - and _. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9_-]{1,99}$/;

export const MAX_TAGS = 10;
export const MAX_THEMES = 5;

/** An address a visitor may follow: http(s) only, so no javascript: or data: link reaches a page. */
export function isWebAddress(value: string): boolean {
  if (value.length > 2000) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && Boolean(url.hostname);
  } catch {
    return false;
  }
}

/** Tags typed as one line, separated by commas (ASCII or Chinese) or the Chinese list mark. */
export function parseTags(raw: string): string[] {
  const tags = raw
    .split(/[,，、;；\n]/)
    .map((t) => t.trim())
    .filter(Boolean);
  return [...new Set(tags)];
}

export const optionalText = (max: number, message: MessageKey) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => v ?? '');

export const datasetSchema = z.object({
  title: z.string({ required_error: key('errors.dataset.titleRequired') }).trim().min(1, key('errors.dataset.titleRequired')).max(200, key('errors.dataset.titleTooLong')),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v) => v ?? '')
    .refine((v) => v === '' || SLUG_PATTERN.test(v), key('errors.dataset.slugInvalid')),
  description: optionalText(20000, 'errors.dataset.descriptionTooLong'),
  licence: z.enum(LICENCE_VALUES, { errorMap: () => ({ message: key('errors.dataset.licenceInvalid') }) }),
  updateFrequency: z.enum(FREQUENCY_VALUES, { errorMap: () => ({ message: key('errors.dataset.frequencyInvalid') }) }),
  tags: optionalText(500, 'errors.dataset.tagsInvalid')
    .transform(parseTags)
    .refine((tags) => tags.length <= MAX_TAGS, key('errors.dataset.tooManyTags'))
    .refine((tags) => tags.every((t) => [...t].length <= 30), key('errors.dataset.tagTooLong')),
  themes: z
    .array(z.enum(DATASET_THEMES, { errorMap: () => ({ message: key('errors.dataset.themeInvalid') }) }))
    .max(MAX_THEMES, key('errors.dataset.tooManyThemes'))
    .optional()
    .transform((v) => [...new Set(v ?? [])]),
  sourceUrl: optionalText(2000, 'errors.dataset.sourceUrlInvalid').refine((v) => v === '' || isWebAddress(v), key('errors.dataset.sourceUrlInvalid')),
  contactName: optionalText(100, 'errors.dataset.contactTooLong'),
  contactEmail: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v) => v ?? '')
    .refine((v) => v === '' || z.string().email().safeParse(v).success, key('errors.email.invalid')),
  'key.uscc': optionalText(200, 'errors.invalid'),
  'key.admin_division': optionalText(200, 'errors.invalid'),
  'key.date': optionalText(200, 'errors.invalid'),
  'key.year_month': optionalText(200, 'errors.invalid'),
});

export type DatasetFormValues = z.output<typeof datasetSchema>;

/** The key columns chosen in the form, one column per kind at most. */
export function keyColumnsFromForm(values: DatasetFormValues): { column: string; kind: KeyKindValue }[] {
  return KEY_KIND_VALUES.flatMap((kind) => {
    const column = values[`key.${kind}`];
    return column ? [{ column, kind }] : [];
  });
}

/** A slug for a dataset whose title has no Latin words to borrow (most Chinese titles). */
export function suggestSlug(title: string, random: () => number = Math.random): string {
  const words = title
    .toLowerCase()
    .match(/[a-z0-9]+/g)
    ?.join('-')
    .slice(0, 60);
  const suffix = Math.floor(random() * 36 ** 5)
    .toString(36)
    .padStart(5, '0');
  return words && words.length >= 3 ? `${words}-${suffix}` : `dataset-${suffix}`;
}

/** A link resource: a name, an http(s) address, and the format the department declares for it. */
export const linkResourceSchema = z.object({
  name: z.string({ required_error: key('errors.resource.nameRequired') }).trim().min(1, key('errors.resource.nameRequired')).max(200, key('errors.resource.nameTooLong')),
  url: z
    .string({ required_error: key('errors.resource.urlInvalid') })
    .trim()
    .refine(isWebAddress, key('errors.resource.urlInvalid')),
  linkFormat: optionalText(20, 'errors.resource.formatTooLong'),
  description: optionalText(2000, 'errors.resource.descriptionTooLong'),
});
export type LinkResourceValues = z.output<typeof linkResourceSchema>;
