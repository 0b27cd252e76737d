/** The access, sharing and catalogue form of a dataset, and the application form: checked the same way in the browser and on the server. */
import { z } from 'zod';
import type { MessageKey } from '../i18n';
import { ACCESS_LEVELS, APPLICANT_KINDS, RESOURCE_CATEGORIES, SHARING_LEVELS, SHARING_METHODS } from '../vocabulary';
import { MAX_GRANT_DAYS } from '../access';
import { normaliseOrgCode, orgCodeProblem } from '../org-code';
import { optionalText } from './dataset';

const key = (k: MessageKey) => k;

/** The most sample rows a conditional dataset may show everyone. */
export const MAX_SAMPLE_ROWS = 20;

/** 资源代码 and 类/项/目 codes: letters, digits and the separators the guide's codes use. */
export const CATALOGUE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9./-]{0,63}$/;

/** 关联资源代码 typed as one line, separated by commas, spaces or the Chinese list marks. */
export function parseCodeList(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[\s,，、;；]+/)
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ];
}

export const datasetAccessSchema = z
  .object({
    accessLevel: z.enum(ACCESS_LEVELS, { errorMap: () => ({ message: key('errors.access.levelInvalid') }) }),
    sharing: z.enum(SHARING_LEVELS, { errorMap: () => ({ message: key('errors.access.sharingInvalid') }) }),
    openConditions: optionalText(2000, 'errors.access.conditionsTooLong'),
    sharingConditions: optionalText(2000, 'errors.access.conditionsTooLong'),
    sharingMethod: z.enum(SHARING_METHODS, { errorMap: () => ({ message: key('errors.access.methodInvalid') }) }),
    sampleRows: z.coerce
      .number({ invalid_type_error: key('errors.access.sampleRowsInvalid') })
      .int(key('errors.access.sampleRowsInvalid'))
      .min(0, key('errors.access.sampleRowsInvalid'))
      .max(MAX_SAMPLE_ROWS, key('errors.access.sampleRowsInvalid'))
      .default(0),
    agreement: optionalText(20000, 'errors.access.agreementTooLong'),
    resourceCategory: z.enum(RESOURCE_CATEGORIES, { errorMap: () => ({ message: key('errors.access.categoryInvalid') }) }),
    categoryCode: optionalText(64, 'errors.access.codeInvalid').refine((v) => v === '' || CATALOGUE_CODE_PATTERN.test(v), key('errors.access.codeInvalid')),
    resourceCode: optionalText(64, 'errors.access.codeInvalid').refine((v) => v === '' || CATALOGUE_CODE_PATTERN.test(v), key('errors.access.codeInvalid')),
    relatedCodes: optionalText(2000, 'errors.access.relatedInvalid')
      .transform(parseCodeList)
      .refine((codes) => codes.length <= 20 && codes.every((c) => CATALOGUE_CODE_PATTERN.test(c)), key('errors.access.relatedInvalid')),
  })
  .superRefine((value, ctx) => {
    // Applicants accept the agreement: data open or shared on condition needs one.
    if ((value.accessLevel === 'conditional' || value.sharing === 'conditional') && value.agreement.trim() === '') {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['agreement'], message: key('errors.access.agreementRequired') });
    }
  });

export type DatasetAccessFormValues = z.output<typeof datasetAccessSchema>;

/** The application for conditional data. Resources arrive as repeated `resource` fields. */
export const applicationSchema = z
  .object({
    applicantKind: z.enum(APPLICANT_KINDS, { errorMap: () => ({ message: key('errors.application.kindInvalid') }) }),
    organisationName: optionalText(200, 'errors.application.organisationTooLong'),
    organisationCode: optionalText(40, 'errors.application.organisationCodeInvalid').transform(normaliseOrgCode),
    purpose: z.string({ required_error: key('errors.application.purposeRequired') }).trim().min(1, key('errors.application.purposeRequired')).max(2000, key('errors.application.purposeTooLong')),
    intendedUse: z.string({ required_error: key('errors.application.useRequired') }).trim().min(1, key('errors.application.useRequired')).max(2000, key('errors.application.useTooLong')),
    resource: z.array(z.coerce.number().int().positive()).min(1, key('errors.application.resourcesRequired')).max(200),
    periodDays: z.coerce
      .number({ invalid_type_error: key('errors.application.periodInvalid') })
      .int(key('errors.application.periodInvalid'))
      .min(1, key('errors.application.periodInvalid'))
      .max(MAX_GRANT_DAYS, key('errors.application.periodInvalid')),
    challenge: optionalText(120, 'errors.application.challengeUnknown'),
    entry: z.coerce.number().int().positive().optional(),
    acceptAgreement: z.literal('on', { errorMap: () => ({ message: key('errors.application.agreementNotAccepted') }) }),
  })
  .superRefine((value, ctx) => {
    if (value.applicantKind !== 'organisation') return;
    if (!value.organisationName) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['organisationName'], message: key('errors.application.organisationRequired') });
    if (orgCodeProblem(value.organisationCode) !== null || value.organisationCode.length !== 18) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['organisationCode'], message: key('errors.application.organisationCodeInvalid') });
    }
  });

export type ApplicationFormValues = z.output<typeof applicationSchema>;

/** The department's decision: approve (optionally fewer resources, a shorter period) or refuse with a reason. */
export const decisionSchema = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('approve'),
    resource: z.array(z.coerce.number().int().positive()).min(1, key('errors.application.resourcesRequired')).max(200),
    periodDays: z.coerce
      .number({ invalid_type_error: key('errors.application.periodInvalid') })
      .int(key('errors.application.periodInvalid'))
      .min(1, key('errors.application.periodInvalid'))
      .max(MAX_GRANT_DAYS, key('errors.application.periodInvalid')),
  }),
  z.object({
    decision: z.literal('refuse'),
    reason: z.string({ required_error: key('errors.application.reasonRequired') }).trim().min(1, key('errors.application.reasonRequired')).max(2000, key('errors.application.reasonTooLong')),
  }),
]);
