/**
 * The codes of the catalogue: 资源代码 (the key rows are matched by), the 类/项/目 code of its
 * classification, and lists of related resource codes. Codes keep their case; full-width letters,
 * digits and separators typed in a Chinese input method are read as their ASCII forms.
 */

/** Full-width ASCII (Ａ, ０, －, ／ …) and the ideographic space as their half-width forms. */
export function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** 资源代码: letters and digits, with - . / _ between them (e.g. 301002003/000001), at most 64. */
const RESOURCE_CODE = /^[0-9A-Za-z](?:[0-9A-Za-z._/-]{0,62}[0-9A-Za-z])?$/;
/** 类/项/目 code: groups of letters and digits joined by - . or / (e.g. 3-01-002, A01.02), at most 40. */
const CATEGORY_CODE = /^[0-9A-Za-z]{1,12}(?:[-./][0-9A-Za-z]{1,12}){0,5}$/;

export const MAX_RELATED_CODES = 50;

export function normaliseCode(raw: string): string {
  return halfWidth(raw).trim();
}

export function isResourceCode(code: string): boolean {
  return RESOURCE_CODE.test(code);
}

export function isCategoryCode(code: string): boolean {
  return code.length <= 40 && CATEGORY_CODE.test(code);
}

/** A cell listing codes: separated by ; , 、 or white space (ASCII or full-width), each once. */
export function splitCodes(raw: string): string[] {
  const codes = halfWidth(raw)
    .split(/[;,、\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);
  return [...new Set(codes)];
}
