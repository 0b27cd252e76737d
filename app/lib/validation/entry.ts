/**
 * The entry form. Saving a draft is lenient (only lengths are checked, so nothing typed is lost);
 * submitting checks that the entry is complete.
 */
import { z } from 'zod';
import type { MessageKey } from '../i18n';

const key = (k: MessageKey) => k;

export const ENTRY_LIMITS = { title: 120, teamName: 60, summary: 300, body: 30_000, link: 500 } as const;

const text = (max: number, message: MessageKey) =>
  z
    .string()
    .max(max, message)
    .optional()
    .transform((v) => v ?? '');

export const entryDraftSchema = z.object({
  kind: z.enum(['idea', 'prototype'], { errorMap: () => ({ message: key('errors.entry.kindRequired') }) }),
  title: text(ENTRY_LIMITS.title, 'errors.entry.titleTooLong'),
  teamName: text(ENTRY_LIMITS.teamName, 'errors.entry.teamNameTooLong'),
  summary: text(ENTRY_LIMITS.summary, 'errors.entry.summaryTooLong'),
  body: text(ENTRY_LIMITS.body, 'errors.entry.bodyTooLong'),
  repository: text(ENTRY_LIMITS.link, 'errors.entry.linkTooLong'),
  demo: text(ENTRY_LIMITS.link, 'errors.entry.linkTooLong'),
  video: text(ENTRY_LIMITS.link, 'errors.entry.linkTooLong'),
  // Checkboxes: absent, one value, or several.
  datasets: z.preprocess((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim())).transform((v) => [...new Set(v.filter(Boolean))]),
  /** The version this edit started from; a newer saved version means a conflict. */
  version: z.coerce.number().int().min(1),
});

export type EntryDraft = z.output<typeof entryDraftSchema>;

/** Whether a link is one we will ever render as a link: http(s) only, no credentials. */
export function isSafeLink(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

export type SubmitProblem = { field: keyof EntryDraft; message: MessageKey };

/** What must be true before an entry can be submitted (beyond the draft rules). */
export function submitProblems(entry: Pick<EntryDraft, 'kind' | 'title' | 'summary' | 'body' | 'repository' | 'demo' | 'video'>, allowed: { idea: boolean; prototype: boolean }): SubmitProblem[] {
  const problems: SubmitProblem[] = [];
  if (!allowed[entry.kind]) problems.push({ field: 'kind', message: 'errors.entry.kindNotAllowed' });
  if (entry.title.trim().length < 2) problems.push({ field: 'title', message: 'errors.entry.titleRequired' });
  if (entry.summary.trim().length < 10) problems.push({ field: 'summary', message: 'errors.entry.summaryRequired' });
  if (entry.body.trim().length < 30) problems.push({ field: 'body', message: 'errors.entry.bodyRequired' });
  for (const field of ['repository', 'demo', 'video'] as const) {
    if (entry[field].trim() && !isSafeLink(entry[field])) problems.push({ field, message: 'errors.entry.linkInvalid' });
  }
  if (entry.kind === 'prototype' && !entry.repository.trim() && !entry.demo.trim()) {
    problems.push({ field: 'demo', message: 'errors.entry.prototypeNeedsLink' });
  }
  return problems;
}

/** Links as shown to readers: only safe ones become links. */
export function linkProblems(entry: Pick<EntryDraft, 'repository' | 'demo' | 'video'>): SubmitProblem[] {
  return (['repository', 'demo', 'video'] as const)
    .filter((field) => entry[field].trim() && !isSafeLink(entry[field]))
    .map((field) => ({ field, message: 'errors.entry.linkInvalid' as const }));
}
