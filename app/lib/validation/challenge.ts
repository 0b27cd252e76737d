/** The challenge form: brief, timeline in the platform's time zone, rules and rubric. */
import { z } from 'zod';
import type { MessageKey } from '../i18n';
import { zonedLocalToDate } from '../zoned-time';
import { SLUG_PATTERN } from './dataset';

const key = (k: MessageKey) => k;

export const MAX_CRITERIA = 10;
export const MAX_TEAM_SIZE = 20;

const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('')])
  .optional()
  .transform((v) => v === 'on' || v === 'true');

const localTime = (required: MessageKey) => z.string({ required_error: required }).trim().min(1, required);

export const criterionSchema = z.object({
  name: z.string({ required_error: key('errors.challenge.criterionName') }).trim().min(1, key('errors.challenge.criterionName')).max(60, key('errors.challenge.criterionNameTooLong')),
  description: z
    .string()
    .trim()
    .max(500, key('errors.challenge.criterionDescriptionTooLong'))
    .optional()
    .transform((v) => v ?? ''),
  weight: z.coerce
    .number({ invalid_type_error: key('errors.challenge.weight'), required_error: key('errors.challenge.weight') })
    .gt(0, key('errors.challenge.weight'))
    .max(100, key('errors.challenge.weight')),
  maxScore: z.coerce
    .number({ invalid_type_error: key('errors.challenge.maxScore'), required_error: key('errors.challenge.maxScore') })
    .int(key('errors.challenge.maxScore'))
    .min(1, key('errors.challenge.maxScore'))
    .max(100, key('errors.challenge.maxScore')),
});

/** The form schema; `timeZone` turns the datetime-local inputs into instants. */
export function challengeSchema(timeZone: string) {
  return z
    .object({
      title: z.string({ required_error: key('errors.challenge.titleRequired') }).trim().min(1, key('errors.challenge.titleRequired')).max(200, key('errors.challenge.titleTooLong')),
      slug: z
        .string()
        .trim()
        .toLowerCase()
        .optional()
        .transform((v) => v ?? '')
        .refine((v) => v === '' || SLUG_PATTERN.test(v), key('errors.dataset.slugInvalid')),
      summary: z.string({ required_error: key('errors.challenge.summaryRequired') }).trim().min(1, key('errors.challenge.summaryRequired')).max(300, key('errors.challenge.summaryTooLong')),
      body: z
        .string()
        .trim()
        .max(50_000, key('errors.challenge.bodyTooLong'))
        .optional()
        .transform((v) => v ?? ''),
      prizes: z
        .string()
        .trim()
        .max(5000, key('errors.challenge.prizesTooLong'))
        .optional()
        .transform((v) => v ?? ''),
      opensAt: localTime('errors.challenge.timeRequired'),
      closesAt: localTime('errors.challenge.timeRequired'),
      judgingEndsAt: localTime('errors.challenge.timeRequired'),
      allowIdeas: checkbox,
      allowPrototypes: checkbox,
      teamSizeLimit: z.coerce
        .number({ invalid_type_error: key('errors.challenge.teamSize') })
        .int(key('errors.challenge.teamSize'))
        .min(1, key('errors.challenge.teamSize'))
        .max(MAX_TEAM_SIZE, key('errors.challenge.teamSize')),
      blindJudging: checkbox,
      peoplesChoice: checkbox,
      entriesPublic: checkbox,
      criteria: z.array(criterionSchema, { required_error: key('errors.challenge.criteriaRequired') }).min(1, key('errors.challenge.criteriaRequired')).max(MAX_CRITERIA, key('errors.challenge.tooManyCriteria')),
      // Checkboxes: absent, one value, or several.
      datasets: z.preprocess((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim())).transform((v) => [...new Set(v.filter(Boolean))]),
      entrantAccess: z.preprocess((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim())).transform((v) => [...new Set(v.filter(Boolean))]),
    })
    .superRefine((value, ctx) => {
      const times = { opensAt: value.opensAt, closesAt: value.closesAt, judgingEndsAt: value.judgingEndsAt };
      const parsed: Partial<Record<keyof typeof times, Date>> = {};
      for (const [name, text] of Object.entries(times) as [keyof typeof times, string][]) {
        const date = zonedLocalToDate(text, timeZone);
        if (!date) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: key('errors.challenge.timeInvalid') });
        else parsed[name] = date;
      }
      if (parsed.opensAt && parsed.closesAt && parsed.closesAt <= parsed.opensAt) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['closesAt'], message: key('errors.challenge.closesBeforeOpens') });
      }
      if (parsed.closesAt && parsed.judgingEndsAt && parsed.judgingEndsAt <= parsed.closesAt) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['judgingEndsAt'], message: key('errors.challenge.judgingBeforeCloses') });
      }
      if (!value.allowIdeas && !value.allowPrototypes) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['allowIdeas'], message: key('errors.challenge.kindRequired') });
      }
    });
}

export type ChallengeFormValues = z.output<ReturnType<typeof challengeSchema>>;

/** The validated form as settings with instants (the schema has already checked the times). */
export function toChallengeSettings(values: ChallengeFormValues, timeZone: string) {
  const at = (text: string) => {
    const date = zonedLocalToDate(text, timeZone);
    if (!date) throw new Error(`unchecked time ${text}`);
    return date;
  };
  return {
    slug: values.slug,
    title: values.title,
    summary: values.summary,
    body: values.body,
    prizes: values.prizes,
    opensAt: at(values.opensAt),
    closesAt: at(values.closesAt),
    judgingEndsAt: at(values.judgingEndsAt),
    allowIdeas: values.allowIdeas,
    allowPrototypes: values.allowPrototypes,
    teamSizeLimit: values.teamSizeLimit,
    blindJudging: values.blindJudging,
    peoplesChoice: values.peoplesChoice,
    entriesPublic: values.entriesPublic,
    criteria: values.criteria.map((c) => ({ name: c.name, description: c.description, weight: c.weight, maxScore: c.maxScore })),
    datasetSlugs: values.datasets,
    entrantAccessSlugs: values.entrantAccess.filter((slug) => values.datasets.includes(slug)),
  };
}
