/**
 * Valid-looking public identifiers for demo data: 统一社会信用代码 (GB 32100-2015) with correct
 * check characters, so joins and the privacy scanner see realistic values.
 */
import type { Random } from './random';

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function organisationCode(random: Random): string {
  const body = Array.from({ length: 8 }, () => String(random.int(0, 9))).join('');
  const sum = [...body].reduce((acc, ch, i) => acc + Number(ch) * (ORG_WEIGHTS[i] ?? 0), 0);
  const check = 11 - (sum % 11);
  return body + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}

export function unifiedSocialCreditCode(random: Random, regionCode: string): string {
  const first17 = `91${regionCode}${organisationCode(random)}`;
  const sum = [...first17].reduce((acc, ch, i) => acc + USCC_CHARS.indexOf(ch) * (USCC_WEIGHTS[i] ?? 0), 0);
  const check = (31 - (sum % 31)) % 31;
  return first17 + USCC_CHARS[check];
}
