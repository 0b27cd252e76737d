import { describe, expect, it } from 'vitest';
import { parseAwards } from './awards';

const form = (rows: [string, string, string][]) => {
  const params = new URLSearchParams();
  rows.forEach(([entryId, kind, customName], i) => {
    params.set(`award[${i}].entryId`, entryId);
    params.set(`award[${i}].kind`, kind);
    params.set(`award[${i}].customName`, customName);
  });
  return params;
};

describe('parseAwards', () => {
  it('keeps rows with an entry in order and ignores blank rows', () => {
    const parsed = parseAwards(form([['12', 'first', ''], ['', 'honourable', ''], ['15', 'custom', '最佳数据奖']]));
    expect(parsed.ok && parsed.value).toEqual([
      { entryId: 12, kind: 'first', customName: null },
      { entryId: 15, kind: 'custom', customName: '最佳数据奖' },
    ]);
  });

  it('needs a name for a custom award, refuses unknown kinds and the same award twice', () => {
    const parsed = parseAwards(form([['12', 'custom', ''], ['13', 'grand', ''], ['14', 'first', ''], ['14', 'first', '']]));
    expect(parsed.ok ? null : parsed.errors).toEqual({
      0: { customName: 'errors.awards.customNameRequired' },
      1: { entryId: 'errors.awards.invalid' },
      3: { entryId: 'errors.awards.duplicate' },
    });
  });
});
