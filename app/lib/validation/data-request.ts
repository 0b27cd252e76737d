/** Forms for data requests: asking for data, and a department's structured answer. */
import { z } from 'zod';
import type { MessageKey } from '../i18n';

const key = (k: MessageKey) => k;

export const REQUEST_SORTS = ['votes', 'newest', 'oldest', 'waiting'] as const;
export type RequestSort = (typeof REQUEST_SORTS)[number];

export const ANSWER_STATUSES = ['planned', 'exists', 'fulfilled', 'released', 'declined'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];
export const REQUEST_STATUSES = ['open', ...ANSWER_STATUSES] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const DECLINE_REASON_VALUES = ['personal_data', 'not_held', 'legal', 'other'] as const;

export const dataRequestSchema = z.object({
  title: z.string({ required_error: key('errors.request.titleRequired') }).trim().min(4, key('errors.request.titleTooShort')).max(120, key('errors.request.titleTooLong')),
  description: z.string({ required_error: key('errors.request.descriptionRequired') }).trim().min(10, key('errors.request.descriptionTooShort')).max(5000, key('errors.request.descriptionTooLong')),
  purpose: z
    .string()
    .trim()
    .max(2000, key('errors.request.purposeTooLong'))
    .optional()
    .transform((v) => v ?? ''),
  department: z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? ''),
});

/** YYYY-MM or YYYY-MM-DD, a real month, not in the past. */
export function isPlannedDate(value: string, today: Date): boolean {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = match[3] === undefined ? null : Number(match[3]);
  if (month < 1 || month > 12) return false;
  if (day !== null) {
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  }
  const thisMonth = today.getUTCFullYear() * 12 + today.getUTCMonth();
  return year * 12 + (month - 1) >= thisMonth;
}

/** The answer form, with the rules each outcome carries. `today` keeps the date check testable. */
export function answerSchema(today: Date) {
  return z
    .object({
      status: z.enum(ANSWER_STATUSES, { errorMap: () => ({ message: key('errors.answer.statusRequired') }) }),
      note: z
        .string()
        .trim()
        .max(5000, key('errors.answer.noteTooLong'))
        .optional()
        .transform((v) => v ?? ''),
      dataset: z
        .string()
        .trim()
        .optional()
        .transform((v) => v ?? ''),
      plannedFor: z
        .string()
        .trim()
        .optional()
        .transform((v) => v ?? ''),
      declineReason: z
        .string()
        .trim()
        .optional()
        .transform((v) => v ?? ''),
    })
    .superRefine((value, ctx) => {
      const issue = (path: string, message: MessageKey) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
      if (value.status === 'planned' && !isPlannedDate(value.plannedFor, today)) issue('plannedFor', 'errors.answer.plannedForInvalid');
      if ((value.status === 'exists' || value.status === 'fulfilled' || value.status === 'released') && !value.dataset) issue('dataset', 'errors.answer.datasetRequired');
      if (value.status === 'declined') {
        if (!(DECLINE_REASON_VALUES as readonly string[]).includes(value.declineReason)) issue('declineReason', 'errors.answer.declineReasonRequired');
        if (value.declineReason === 'other' && value.note.length < 10) issue('note', 'errors.answer.explainDecline');
      }
    });
}
