import { describe, expect, it } from 'vitest';
import { DEFAULT_MASK, maskEmbedded, maskForDetector, maskMiddle } from './masking';

describe('maskMiddle', () => {
  it('keeps the configured prefix and suffix', () => {
    expect(maskMiddle('110101198001010010', 6, 4)).toBe('110101********0010');
    expect(maskMiddle('13812345678', 3, 4)).toBe('138****5678');
  });

  it('always hides part of a short value, whatever was asked to keep', () => {
    expect(maskMiddle('张三', 1, 0)).toBe('张*');
    expect(maskMiddle('张三', 5, 5)).toBe('张*');
    expect(maskMiddle('王', 1, 0)).toBe('*');
    expect(maskMiddle('1234', 3, 4)).toBe('12**');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(maskMiddle('𠀀𠀁𠀂𠀃', 1, 1)).toBe('𠀀**𠀃');
  });

  it('has a default for every detector', () => {
    expect(maskForDetector('13812345678', 'mobile')).toBe('138****5678');
    expect(maskForDetector('欧阳娜娜', 'name')).toBe('欧***');
    expect(Object.keys(DEFAULT_MASK)).toHaveLength(10);
  });
});

describe('maskEmbedded', () => {
  it('masks only the personal values inside a note', () => {
    expect(maskEmbedded('请联系王女士，电话13812345678，身份证330102198502150019。')).toBe('请联系王女士，电话138****5678，身份证330102********0019。');
  });

  it('leaves text without personal values untouched', () => {
    expect(maskEmbedded('路面坑洼，已转城建部门处理')).toBe('路面坑洼，已转城建部门处理');
  });
});
