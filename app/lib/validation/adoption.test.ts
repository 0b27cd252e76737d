import { parseWithZod } from '@conform-to/zod';
import { describe, expect, it } from 'vitest';
import { adoptionApiSchema, adoptionFormSchema, formOutcomes, isCalendarDate, isWebLink } from './adoption';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe('adoption input', () => {
  it('accepts only real calendar dates and web links', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(isCalendarDate('2025-12-32')).toBe(false);
    expect(isCalendarDate('2025-1-01')).toBe(false);
    expect(isWebLink('https://example.org/service')).toBe(true);
    expect(isWebLink('javascript:alert(1)')).toBe(false);
    expect(isWebLink('data:text/html,x')).toBe(false);
  });

  it('names the field of each API mistake, and ignores unknown top-level names', () => {
    const path = (body: unknown) => {
      const parsed = adoptionApiSchema.safeParse(body);
      return parsed.success ? null : parsed.error.issues[0]?.path.join('.');
    };
    expect(path({ entryId: 1, stage: 'piloting', note: '试点', extra: { anything: true } })).toBeNull();
    expect(path({ entryId: '1', stage: 'piloting', note: 'x' })).toBe('entryId');
    expect(path({ entryId: 1.5, stage: 'piloting', note: 'x' })).toBe('entryId');
    expect(path({ entryId: 1, stage: 'launched', note: 'x' })).toBe('stage');
    expect(path({ entryId: 1, stage: 'piloting', note: { toString: 1 } })).toBe('note');
    expect(path({ entryId: 1, stage: 'piloting', note: 'x'.repeat(2001) })).toBe('note');
    expect(path({ entryId: 1, stage: 'not_adopted', note: 'x' })).toBe('notAdoptedReason');
    expect(path({ entryId: 1, stage: 'piloting', note: 'x', outcomes: [{ label: '用户', value: Infinity, unit: '', asOf: '2026-01-01' }] })).toBe('outcomes.0.value');
    expect(path({ entryId: 1, stage: 'piloting', note: 'x', outcomes: 'many' })).toBe('outcomes');
    expect(path({ entryId: 1, stage: 'piloting', note: 'x', outcomes: Array.from({ length: 9 }, () => ({ label: 'a', value: 1, unit: '', asOf: '2026-01-01' })) })).toBe('outcomes');
  });

  it('reads the form: blank outcome rows left out, a half-filled row refused field by field', () => {
    const ok = parseWithZod(
      form({ stage: 'in_service', note: '上线', 'outcomes[0].label': '月活用户', 'outcomes[0].value': '3,200', 'outcomes[0].unit': '人', 'outcomes[0].asOf': '2026-11-30', 'outcomes[1].label': '' }),
      { schema: adoptionFormSchema },
    );
    expect(ok.status).toBe('success');
    if (ok.status === 'success') expect(formOutcomes(ok.value.outcomes)).toEqual([{ label: '月活用户', value: 3200, unit: '人', asOf: '2026-11-30' }]);

    const half = parseWithZod(form({ stage: 'piloting', note: '试点', 'outcomes[0].label': '用户', 'outcomes[0].asOf': '2026-02-30' }), { schema: adoptionFormSchema });
    expect(half.status).toBe('error');
    expect(Object.keys(half.reply().error ?? {}).sort()).toEqual(['outcomes[0].asOf', 'outcomes[0].value']);
  });
});
