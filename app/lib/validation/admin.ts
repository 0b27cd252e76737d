/** Forms of the admin console: departments, people, the site's identity. Messages are locale keys. */
import { z } from 'zod';
import type { MessageKey } from '../i18n';
import { normaliseOrgCode, orgCodeProblem, type OrgCodeProblem } from '../org-code';
import { emailField } from './auth';
import { optionalText } from './dataset';

const key = (k: MessageKey) => k;

const CODE_MESSAGES: Record<OrgCodeProblem, MessageKey> = {
  length: 'admin.department.codeLength',
  characters: 'admin.department.codeCharacters',
  checkCharacter: 'admin.department.codeCheck',
};

export const DEPARTMENT_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

const departmentFields = {
  name: z.string({ required_error: key('admin.department.nameRequired') }).trim().min(2, key('admin.department.nameRequired')).max(100, key('admin.department.nameTooLong')),
  code: z
    .string()
    .optional()
    .transform((v) => (v ? normaliseOrgCode(v) : ''))
    .superRefine((code, ctx) => {
      const problem = code ? orgCodeProblem(code) : null;
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: CODE_MESSAGES[problem] });
    }),
  contact: optionalText(200, 'admin.department.contactTooLong'),
  description: optionalText(2000, 'admin.department.descriptionTooLong'),
};

export const departmentEditSchema = z.object(departmentFields);

export const departmentCreateSchema = z.object({
  ...departmentFields,
  slug: z
    .string({ required_error: key('admin.department.slugInvalid') })
    .trim()
    .toLowerCase()
    .regex(DEPARTMENT_SLUG_PATTERN, key('admin.department.slugInvalid')),
});

export const STAFF_ROLES = ['official', 'admin'] as const;

const departmentId = z
  .string()
  .optional()
  .transform((v) => (v && /^\d{1,9}$/.test(v) ? Number(v) : null));

function requireDepartmentForOfficials(value: { role: string; departmentId: number | null }, ctx: z.RefinementCtx): void {
  if (value.role === 'official' && value.departmentId === null) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['departmentId'], message: key('admin.people.departmentRequired') });
}

export const inviteSchema = z
  .object({
    email: emailField,
    name: z.string({ required_error: key('errors.name.required') }).trim().min(1, key('errors.name.required')).max(60, key('errors.name.tooLong')),
    role: z.enum(STAFF_ROLES, { errorMap: () => ({ message: key('admin.people.roleRequired') }) }),
    departmentId,
  })
  .superRefine(requireDepartmentForOfficials);

export const roleChangeSchema = z
  .object({
    role: z.enum(['participant', 'official', 'admin'], { errorMap: () => ({ message: key('admin.people.roleRequired') }) }),
    departmentId,
  })
  .superRefine(requireDepartmentForOfficials);

/** ICP备案号 as the MIIT issues it, e.g. 京ICP备12345678号-1 (or an ICP证 number). */
export const ICP_PATTERN = /^[\u4e00-\u9fff]ICP[备证]\d{4,12}号(?:-\d{1,3})?$/;
/** 公安机关备案号, e.g. 京公网安备11010502030143号. */
export const PSB_PATTERN = /^[\u4e00-\u9fff]公网安备\s?(\d{14})号$/;

/** The public security filing's own page when none was given: the national filing site's record query. */
export function psbRecordLink(record: string): string {
  const digits = PSB_PATTERN.exec(record)?.[1];
  return digits ? `https://beian.mps.gov.cn/#/query/webSearch?code=${digits}` : '';
}

export const siteSettingsSchema = z
  .object({
    siteName: optionalText(60, 'admin.site.tooLong'),
    sponsor: optionalText(100, 'admin.site.tooLong'),
    organizer: optionalText(100, 'admin.site.tooLong'),
    contact: optionalText(200, 'admin.site.tooLong'),
    icp: optionalText(40, 'admin.site.icpInvalid').refine((v) => v === '' || ICP_PATTERN.test(v), key('admin.site.icpInvalid')),
    psbRecord: optionalText(40, 'admin.site.psbInvalid').refine((v) => v === '' || PSB_PATTERN.test(v), key('admin.site.psbInvalid')),
    psbLink: optionalText(300, 'admin.site.linkInvalid').refine((v) => v === '' || /^https:\/\/[^\s]+$/.test(v), key('admin.site.linkInvalid')),
    siteCode: optionalText(20, 'admin.site.siteCodeInvalid').refine((v) => v === '' || /^[0-9A-Za-z]{6,20}$/.test(v), key('admin.site.siteCodeInvalid')),
  })
  .transform((value) => ({ ...value, psbLink: value.psbLink || psbRecordLink(value.psbRecord) }));
