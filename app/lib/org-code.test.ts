import { describe, expect, it } from 'vitest';
import { normaliseOrgCode, orgCodeProblem } from './org-code';

describe('orgCodeProblem', () => {
  it('accepts real 统一社会信用代码 of government bodies and companies', () => {
    for (const code of ['11100000000013127D', '91350100M000100Y43', '91110000600037341L']) expect(orgCodeProblem(code)).toBeNull();
  });

  it('catches one mistyped character by the check character', () => {
    expect(orgCodeProblem('11100000000013128D')).toBe('checkCharacter');
    expect(orgCodeProblem('91350100M000100Y44')).toBe('checkCharacter');
  });

  it('refuses characters a credit code never uses, and wrong lengths', () => {
    expect(orgCodeProblem('9135010OM000100Y43')).toBe('characters');
    expect(orgCodeProblem('9135010')).toBe('length');
    expect(orgCodeProblem('91350100M000100Y433')).toBe('length');
  });

  it('accepts a 组织机构代码 written with its hyphen, and checks it', () => {
    expect(orgCodeProblem(normaliseOrgCode(' m000100y-4 '))).toBeNull();
    expect(orgCodeProblem(normaliseOrgCode('M000100Y-5'))).toBe('checkCharacter');
    expect(orgCodeProblem('12345678X')).toBe('checkCharacter');
    expect(orgCodeProblem('123456788')).toBeNull();
  });
});
