import { describe, expect, it } from 'vitest';
import { ColumnTypeTracker, normaliseBoolean, normaliseDate, normaliseDecimal, normaliseInteger, storedValue } from './infer';

function infer(values: string[], header = 'x') {
  const tracker = ColumnTypeTracker.forHeader(header);
  for (const value of values) tracker.observe(value);
  return tracker.result();
}

describe('ColumnTypeTracker', () => {
  it('infers integer, decimal, date, boolean and text', () => {
    expect(infer(['1', '-20', '', '1,234'])).toBe('integer');
    expect(infer(['1', '2.5', '1.2E+5', '-0.75'])).toBe('decimal');
    expect(infer(['2025-10-01', '2025/1/5', '2025年3月8日', '2025-10-01 08:30'])).toBe('date');
    expect(infer(['是', '否', 'TRUE'])).toBe('boolean');
    expect(infer(['1', '2', 'x'])).toBe('text');
    expect(infer(['', ' '])).toBe('text');
  });

  it('keeps identifiers as text: leading zeros, long digit strings, code-like headers', () => {
    expect(infer(['0012', '0340'])).toBe('text');
    expect(infer(['110101199003074258', '110101199003074266'])).toBe('text');
    expect(infer(['530702', '530703'], '行政区划代码')).toBe('text');
    expect(infer(['13800138000'], '联系电话')).toBe('text');
    expect(infer(['100', '200'], 'valid')).toBe('integer');
  });

  it('refuses impossible dates', () => {
    expect(infer(['2025-02-30'])).toBe('text');
    expect(infer(['2024-02-29'])).toBe('date');
  });
});

describe('storedValue', () => {
  it('stores canonical numbers as numbers and everything else exactly as text', () => {
    expect(storedValue(' 42 ')).toBe(42);
    expect(storedValue('-3.25')).toBe(-3.25);
    expect(storedValue('1.50')).toBe('1.50');
    expect(storedValue('007')).toBe('007');
    expect(storedValue('1,234')).toBe('1,234');
    expect(storedValue('1234567890123456')).toBe('1234567890123456');
    expect(storedValue('')).toBeNull();
    expect(storedValue('-0')).toBe('-0');
  });
});

describe('normalisers', () => {
  it('turn accepted spellings into stored values', () => {
    expect(normaliseInteger('1,234,567')).toBe(1234567);
    expect(normaliseInteger('+5')).toBe(5);
    expect(normaliseDecimal('1,234.50')).toBe(1234.5);
    expect(normaliseDecimal('1.2E+5')).toBe(120000);
    expect(normaliseDate('2025/1/5')).toBe('2025-01-05');
    expect(normaliseDate('2025年3月8日')).toBe('2025-03-08');
    expect(normaliseDate('2025-10-01T08:30')).toBe('2025-10-01 08:30:00');
    expect(normaliseDate('2025-13-01')).toBeNull();
    expect(normaliseBoolean('否')).toBe(0);
    expect(normaliseBoolean('Yes')).toBe(1);
    expect(normaliseBoolean('maybe')).toBeNull();
  });
});
