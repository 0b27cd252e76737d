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
    /** The versions of the privacy policy and terms shown on the form ('' where none is published). */
    privacyVersion: z.string().optional(),
    termsVersion: z.string().optional(),
    consent: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.privacyVersion || value.termsVersion) && value.consent !== 'on') ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['consent'], message: key('consent.required') });
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

/** Changing the password while signed in; the policy (which knows the person) is checked by the page. */
export const changePasswordSchema = z.object({
  current: z.string({ required_error: key('errors.password.required') }).max(PASSWORD_MAX_LENGTH * 4, key('account.password.wrong')),
  password: z.string({ required_error: key('errors.password.required') }),
});

/** A new address for one's account, confirmed with the password. */
export const changeEmailSchema = z.object({
  email: emailField,
  password: z.string({ required_error: key('errors.password.required') }).max(PASSWORD_MAX_LENGTH * 4, key('account.password.wrong')),
});
