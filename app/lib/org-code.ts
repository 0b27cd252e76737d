/**
 * Checks a department's code: the 18-character 统一社会信用代码 (GB 32100-2015) or the 9-character
 * 组织机构代码 it replaced (GB 11714-1997, written with or without the hyphen before the check
 * character). Both end in a check character, so a mistyped code is caught before it is published.
 */

/** The 31 characters of a credit code (no I, O, S, V, Z), in the order of their values. */
const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type OrgCodeProblem = 'length' | 'characters' | 'checkCharacter';

function organizationCodeValid(body: string, check: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const value = parseInt(body[i] ?? '', 36);
    if (Number.isNaN(value)) return false;
    sum += value * (ORGANIZATION_CODE_WEIGHTS[i] ?? 0);
  }
  const remainder = 11 - (sum % 11);
  const expected = remainder === 10 ? 'X' : remainder === 11 ? '0' : String(remainder);
  return check === expected;
}

/** The code as it is stored: upper case, without spaces or the organisation code's hyphen. */
export function normaliseOrgCode(raw: string): string {
  return raw.trim().toUpperCase().replace(/[\s-]/g, '');
}

/** Null when the (normalised) code is a valid credit code or organisation code; otherwise what is wrong. */
export function orgCodeProblem(code: string): OrgCodeProblem | null {
  if (code.length === 9) {
    if (!/^[0-9A-Z]{8}[0-9X]$/.test(code)) return 'characters';
    return organizationCodeValid(code.slice(0, 8), code.slice(8)) ? null : 'checkCharacter';
  }
  if (code.length !== 18) return 'length';
  const values = [...code].map((ch) => CREDIT_CODE_CHARS.indexOf(ch));
  if (values.some((v) => v < 0)) return 'characters';
  const sum = values.slice(0, 17).reduce((total, v, i) => total + v * (CREDIT_CODE_WEIGHTS[i] ?? 0), 0);
  const expected = (31 - (sum % 31)) % 31;
  // Characters 9 to 17 carry the old organisation code, but codes issued since 2015 to bodies
  // that never had one need not pass its check: only the credit code's own check is applied.
  return values[17] === expected ? null : 'checkCharacter';
}
