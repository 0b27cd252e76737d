/**
 * Password rules after NIST SP 800-63B: length over complexity, no forced composition rules,
 * a block-list of passwords attackers try first, and nothing derived from the account itself.
 */
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_RECOMMENDED_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'personal';

export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): PasswordProblem | null {
  // Count code points, not UTF-16 units, so 8 Chinese characters are 8 characters.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (length > PASSWORD_MAX_LENGTH) return 'tooLong';
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered)) return 'common';
  // Repeating one character or one short run ("aaaaaaaa", "abcabcabc") is as weak as a common one.
  if (/^(.{1,3})\1+$/u.test(password)) return 'common';
  const personal = [context.email?.toLowerCase(), context.email?.toLowerCase().split('@')[0], context.name?.toLowerCase()]
    .map((value) => value?.trim())
    .filter((value): value is string => Boolean(value && value.length >= 3));
  if (personal.some((value) => lowered === value || lowered.replace(/\d+$/, '') === value)) return 'personal';
  return null;
}
