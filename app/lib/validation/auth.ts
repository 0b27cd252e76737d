/**
 * Form schemas for accounts. Error messages are locale message keys; the page translates them.
 */
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, passwordProblem } from '../password-policy';
import type { MessageKey } from '../i18n';

const key = (k: MessageKey) => k;

/** What to tell someone whose new password the policy refuses (registration, reset). */
export const PASSWORD_PROBLEM_MESSAGES: Record<NonNullable<ReturnType<typeof passwordProblem>>, MessageKey> = {
  tooShort: 'errors.password.tooShort',
  tooLong: 'errors.password.tooLong',
  common: 'errors.password.common',
  personal: 'errors.password.personal',
};

export const emailField = z
  .string({ required_error: key('errors.email.required') })
  .trim()
  .toLowerCase()
  .max(254, key('errors.email.invalid'))
  .email(key('errors.email.invalid'));

export const registerSchema = z
  .object({
    name: z
      .string({ required_error: key('errors.name.required') })
      .trim()
      .min(1, key('errors.name.required'))
      .max(60, key('errors.name.tooLong')),
    email: emailField,
    password: z.string({ required_error: key('errors.password.required') }),
    redirectTo: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.password, { email: value.email, name: value.name });
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['password'], message: PASSWORD_PROBLEM_MESSAGES[problem] });
  });

export const loginSchema = z.object({
  email: emailField,
  password: z
    .string({ required_error: key('errors.password.required') })
    .max(PASSWORD_MAX_LENGTH * 4, key('errors.login.failed')),
  redirectTo: z.string().optional(),
});
