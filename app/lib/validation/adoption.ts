/**
 * An adoption (成果转化) update, as the department's form and `POST /api/v1/adoptions` send it.
 * Messages are locale keys; the API answers them in English with the field's name.
 */
import { z } from 'zod';
import type { MessageKey } from '../i18n';
import { ADOPTION_STAGES, NOT_ADOPTED_REASONS, type AdoptionOutcome } from '../vocabulary';

const key = (k: MessageKey) => k;

export const OUTCOMES_MAX = 8;
export const ADOPTED_BY_MAX = 20;
export const NOTE_MAX = 2000;

/** A real calendar date written YYYY-MM-DD (no month 13, no 31 February). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An http(s) address; anything else (javascript:, data:) is refused. */
export function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

const outcomeSchema = z.object({
  label: z.string({ invalid_type_error: key('errors.adoption.outcomeLabel') }).trim().min(1, key('errors.adoption.outcomeLabel')).max(40, key('errors.adoption.outcomeLabel')),
  value: z.number({ invalid_type_error: key('errors.adoption.outcomeValue') }).finite(key('errors.adoption.outcomeValue')).min(-1e12, key('errors.adoption.outcomeValue')).max(1e12, key('errors.adoption.outcomeValue')),
  unit: z.string({ invalid_type_error: key('errors.adoption.outcomeUnit') }).trim().max(16, key('errors.adoption.outcomeUnit')).default(''),
  asOf: z.string({ invalid_type_error: key('errors.adoption.outcomeDate') }).refine(isCalendarDate, key('errors.adoption.outcomeDate')),
});

const common = {
  stage: z.enum(ADOPTION_STAGES, { errorMap: () => ({ message: key('errors.adoption.stage') }) }),
  notAdoptedReason: z.enum(NOT_ADOPTED_REASONS, { errorMap: () => ({ message: key('errors.adoption.reason') }) }).optional(),
  note: z.string({ required_error: key('errors.adoption.noteRequired'), invalid_type_error: key('errors.adoption.noteRequired') }).trim().min(1, key('errors.adoption.noteRequired')).max(NOTE_MAX, key('errors.adoption.noteTooLong')),
  link: z
    .string({ invalid_type_error: key('errors.adoption.link') })
    .trim()
    .max(500, key('errors.adoption.link'))
    .refine((v) => v === '' || isWebLink(v), key('errors.adoption.link'))
    .optional(),
};

function reasonWhenNotAdopted(value: { stage: string; notAdoptedReason?: string }, ctx: z.RefinementCtx) {
  if (value.stage === 'not_adopted' && !value.notAdoptedReason) ctx.addIssue({ code: 'custom', path: ['notAdoptedReason'], message: key('errors.adoption.reason') });
}

/** `POST /api/v1/adoptions`: JSON; unknown top-level names are ignored, as elsewhere in the API. */
export const adoptionApiSchema = z
  .object({
    entryId: z.number({ required_error: key('errors.adoption.entry'), invalid_type_error: key('errors.adoption.entry') }).int(key('errors.adoption.entry')).positive(key('errors.adoption.entry')).max(2 ** 31, key('errors.adoption.entry')),
    ...common,
    outcomes: z.array(outcomeSchema, { invalid_type_error: key('errors.adoption.outcomes') }).max(OUTCOMES_MAX, key('errors.adoption.outcomes')).optional(),
    adoptedBy: z.array(z.string().max(64), { invalid_type_error: key('errors.adoption.adoptedBy') }).max(ADOPTED_BY_MAX, key('errors.adoption.adoptedBy')).optional(),
  })
  .superRefine(reasonWhenNotAdopted);
export type AdoptionApiInput = z.infer<typeof adoptionApiSchema>;

/** The department's form: outcome rows as text fields, blank rows left out. */
export const adoptionFormSchema = z
  .object({
    ...common,
    credit: z.string().trim().max(1000, key('errors.adoption.creditTooLong')).optional().transform((v) => v ?? ''),
    terms: z.string().trim().max(2000, key('errors.adoption.termsTooLong')).optional().transform((v) => v ?? ''),
    adoptedBy: z.array(z.string().max(64)).max(ADOPTED_BY_MAX, key('errors.adoption.adoptedBy')).optional().transform((v) => v ?? []),
    outcomes: z
      .array(
        z.object({
          label: z.string().trim().max(40, key('errors.adoption.outcomeLabel')).optional(),
          value: z.string().trim().max(32).optional(),
          unit: z.string().trim().max(16, key('errors.adoption.outcomeUnit')).optional(),
          asOf: z.string().trim().max(10).optional(),
        }),
      )
      .max(OUTCOMES_MAX)
      .optional()
      .transform((v) => v ?? []),
  })
  .superRefine(reasonWhenNotAdopted)
  .superRefine((value, ctx) => {
    value.outcomes.forEach((row, i) => {
      if (!row.label && !row.value && !row.unit && !row.asOf) return;
      if (!row.label) ctx.addIssue({ code: 'custom', path: ['outcomes', i, 'label'], message: key('errors.adoption.outcomeLabel') });
      if (!row.value || !Number.isFinite(Number(row.value.replaceAll(',', '')))) ctx.addIssue({ code: 'custom', path: ['outcomes', i, 'value'], message: key('errors.adoption.outcomeValue') });
      if (!row.asOf || !isCalendarDate(row.asOf)) ctx.addIssue({ code: 'custom', path: ['outcomes', i, 'asOf'], message: key('errors.adoption.outcomeDate') });
    });
  });

/** The form's filled outcome rows as outcomes (after adoptionFormSchema accepted them). */
export function formOutcomes(rows: { label?: string; value?: string; unit?: string; asOf?: string }[]): AdoptionOutcome[] {
  return rows
    .filter((row) => row.label || row.value || row.unit || row.asOf)
    .map((row) => ({ label: row.label ?? '', value: Number((row.value ?? '').replaceAll(',', '')), unit: row.unit ?? '', asOf: row.asOf ?? '' }));
}
