import { describe, expect, it } from 'vitest';
import { parseDecision, parseKAnonymity } from './privacy';

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe('parseDecision', () => {
  it('accepts a mask with a prefix and suffix to keep, or masking only inside free text', () => {
    expect(parseDecision(form({ column: '身份证号', action: 'mask', keepStart: '6', keepEnd: '4' }))).toEqual({
      ok: true,
      value: { column: '身份证号', action: 'mask', params: { keepStart: 6, keepEnd: 4 }, reason: '' },
    });
    expect(parseDecision(form({ column: '备注', action: 'mask', embedded: 'on' }))).toMatchObject({ ok: true, value: { params: { embedded: true } } });
  });

  it('needs a reason to call a column not personal, a target to generalise to, and sane lengths to keep', () => {
    const notPersonal = parseDecision(form({ column: '联系电话', action: 'notPersonal', reason: '' }));
    expect(notPersonal.ok ? null : notPersonal.errors).toEqual({ reason: 'errors.privacy.reasonRequired' });
    const generalise = parseDecision(form({ column: '出生日期', action: 'generalise', to: 'week' }));
    expect(generalise.ok ? null : generalise.errors).toEqual({ to: 'errors.privacy.generaliseRequired' });
    const mask = parseDecision(form({ column: '手机', action: 'mask', keepStart: '-1', keepEnd: '99' }));
    expect(mask.ok ? null : mask.errors).toEqual({ keepStart: 'errors.privacy.keepInvalid', keepEnd: 'errors.privacy.keepInvalid' });
    // What was typed comes back.
    expect(mask.ok ? null : mask.values.keepEnd).toBe('99');
  });

  it('refuses unknown actions', () => {
    const parsed = parseDecision(form({ column: 'x', action: 'publish' }));
    expect(parsed.ok ? null : parsed.errors).toEqual({ action: 'errors.privacy.actionRequired' });
  });
});

describe('parseKAnonymity', () => {
  it('reads the chosen columns and k, falling back to k = 5', () => {
    expect(parseKAnonymity(new URLSearchParams('qi=性别&qi=出生年份&qi=性别&k=3'))).toEqual({ columns: ['性别', '出生年份'], k: 3 });
    expect(parseKAnonymity(new URLSearchParams('qi=区县&k=1000'))).toEqual({ columns: ['区县'], k: 5 });
  });
});
