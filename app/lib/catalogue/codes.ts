/**
 * The codes of the catalogue: 资源代码 (the key rows are matched by), the 类/项/目 code of its
 * classification, and lists of related resource codes. Codes keep their case; full-width letters,
 * digits and separators typed in a Chinese input method are read as their ASCII forms.
 */
import { CATALOGUE_CODE_PATTERN } from '../validation/access';

/** Full-width ASCII (Ａ, ０, －, ／ …) and the ideographic space as their half-width forms. */
export function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * 资源代码 and 类/项/目 codes are checked as the dataset's access form checks them, so whatever a
 * department typed there exports and imports back unchanged.
 */
export const MAX_RELATED_CODES = 20;

export function normaliseCode(raw: string): string {
  return halfWidth(raw).trim();
}

export function isResourceCode(code: string): boolean {
  return CATALOGUE_CODE_PATTERN.test(code);
}

export function isCategoryCode(code: string): boolean {
  return CATALOGUE_CODE_PATTERN.test(code);
}

/** A cell listing codes: separated by ; , 、 or white space (ASCII or full-width), each once. */
export function splitCodes(raw: string): string[] {
  const codes = halfWidth(raw)
    .split(/[;,、\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);
  return [...new Set(codes)];
}
