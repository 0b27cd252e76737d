import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('accepts long passphrases, including Chinese ones', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('我家门前有两棵树')).toBeNull();
    expect(passwordProblem('x'.repeat(64) + 'y')).toBeNull();
  });

  it('counts characters, not bytes or UTF-16 units', () => {
    expect(passwordProblem('七个汉字的密码')).toBe('tooShort');
    expect(passwordProblem('😀😀😀😀😀😀😀')).toBe('tooShort');
  });

  it('refuses short, overlong, common and repetitive passwords', () => {
    expect(passwordProblem('Ab1!xyz')).toBe('tooShort');
    expect(passwordProblem('a'.repeat(129))).toBe('tooLong');
    expect(passwordProblem('Password123')).toBe('common');
    expect(passwordProblem('woaini1314')).toBe('common');
    expect(passwordProblem('abcabcabcabc')).toBe('common');
  });

  it('refuses the account’s own e-mail or name', () => {
    expect(passwordProblem('zhang.wei@example.com', { email: 'Zhang.Wei@example.com' })).toBe('personal');
    expect(passwordProblem('zhangwei2026', { email: 'zhangwei@example.com' })).toBe('personal');
    expect(passwordProblem('Li Hualong', { name: 'li hualong' })).toBe('personal');
  });
});
