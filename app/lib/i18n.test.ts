import { describe, expect, it } from 'vitest';
import { en } from '~/locales/en';
import { zhCN } from '~/locales/zh-CN';
import { createTranslator, formatMessage, negotiateLocale, translateError } from './i18n';

describe('negotiateLocale', () => {
  it('defaults to Simplified Chinese', () => {
    expect(negotiateLocale(null, null)).toBe('zh-CN');
    expect(negotiateLocale(undefined, '')).toBe('zh-CN');
    expect(negotiateLocale(null, 'fr-FR,de;q=0.8')).toBe('zh-CN');
  });

  it('prefers an explicit choice over the browser', () => {
    expect(negotiateLocale('en', 'zh-CN,zh;q=0.9')).toBe('en');
    expect(negotiateLocale('zh-CN', 'en-US')).toBe('zh-CN');
  });

  it('ignores an unknown stored choice', () => {
    expect(negotiateLocale('klingon', 'en-US')).toBe('en');
  });

  it('follows Accept-Language quality order, mapping regional tags', () => {
    expect(negotiateLocale(null, 'en-GB,en;q=0.9,zh;q=0.8')).toBe('en');
    expect(negotiateLocale(null, 'en;q=0.5,zh-TW;q=0.9')).toBe('zh-CN');
    expect(negotiateLocale(null, 'fr;q=1, en;q=0.3')).toBe('en');
    expect(negotiateLocale(null, 'en;q=0, zh;q=0.1')).toBe('zh-CN');
  });
});

describe('messages', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(createTranslator('zh-CN')('challenges.teamSize', { count: 4 })).toBe('团队人数上限：4 人');
    expect(createTranslator('en')('challenges.teamSize', { count: 4 })).toBe('Teams of up to 4');
  });

  it('has the same keys and the same placeholders in every language', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
      expect(en[key].trim(), key).not.toBe('');
    }
  });

  it('translates validation keys and hides anything that is not a key', () => {
    const t = createTranslator('en');
    expect(translateError(t, 'errors.email.taken')).toMatch(/already registered/);
    expect(translateError(t, 'Expected string, received null')).toBe('This value is not valid.');
    expect(translateError(t, undefined)).toBeUndefined();
  });
});
