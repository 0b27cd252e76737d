import { describe, expect, it } from 'vitest';
import { unifiedSocialCreditCode } from './codes';
import { createRandom } from './random';

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

describe('demo credit codes', () => {
  it('are 18 characters with a valid GB 32100 check character', () => {
    const random = createRandom(1);
    for (let i = 0; i < 50; i += 1) {
      const code = unifiedSocialCreditCode(random, '530702');
      expect(code).toMatch(/^91530702[0-9A-Z]{10}$/);
      const sum = [...code.slice(0, 17)].reduce((acc, ch, j) => acc + CHARS.indexOf(ch) * (WEIGHTS[j] ?? 0), 0);
      expect(CHARS[(31 - (sum % 31)) % 31]).toBe(code[17]);
    }
  });

  it('are the same on every run', () => {
    expect(unifiedSocialCreditCode(createRandom(7), '530702')).toBe(unifiedSocialCreditCode(createRandom(7), '530702'));
  });
});
