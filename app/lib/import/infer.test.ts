import { describe, expect, it } from 'vitest';
import { ColumnAnalyzer, normaliseBoolean, normaliseCell, normaliseDate, normaliseDecimal, normaliseInteger } from './infer';

function analyse(values: string[], header = 'x') {
  const analyzer = ColumnAnalyzer.forHeader(header);
  const stored = values.map((value) => analyzer.add(value));
  return { analyzer, stored };
}

function infer(values: string[], header = 'x') {
  return analyse(values, header).analyzer.type();
}

describe('ColumnAnalyzer types', () => {
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

describe('ColumnAnalyzer storage', () => {
  it('stores canonical numbers as numbers and everything else exactly as text', () => {
    const { stored } = analyse([' 42 ', '-3.25', '1.50', '007', '1,234', '1234567890123456', '', '-0', '.5', '0.1', '0']);
    expect(stored).toEqual([42, -3.25, '1.50', '007', '1,234', '1234567890123456', null, '-0', '.5', 0.1, 0]);
  });

  it('knows which columns need rewriting once the type is known', () => {
    expect(analyse(['1', '2']).analyzer.needsRewrite()).toBe(false);
    expect(analyse(['1', '1,000']).analyzer.needsRewrite()).toBe(true);
    expect(analyse(['1', 'x']).analyzer.needsRewrite()).toBe(true); // text column holding a stored number
    expect(analyse(['a', 'b']).analyzer.needsRewrite()).toBe(false);
    expect(analyse(['2025-01-01']).analyzer.needsRewrite()).toBe(false);
    expect(analyse(['2025/1/1']).analyzer.needsRewrite()).toBe(true);
    expect(analyse(['是', '否']).analyzer.needsRewrite()).toBe(false); // stored as 1/0 already
    expect(analyse(['是', '否', 'true']).analyzer.needsRewrite()).toBe(true); // a second spelling
  });

  it('stores yes/no words as 1/0 and asks for the words back when the column turns out not to be boolean', () => {
    const analyzer = ColumnAnalyzer.forHeader('状态');
    const demoted: unknown[] = [];
    analyzer.onDemote = (words) => demoted.push(words);
    expect([analyzer.add('是'), analyzer.add('否'), analyzer.add('yes')]).toEqual([1, 0, 'yes']);
    expect(demoted).toEqual([]);
    expect(analyzer.add('待定')).toBe('待定');
    expect(demoted).toEqual([{ true: '是', false: '否' }]);
    expect(analyzer.type()).toBe('text');
    expect(analyzer.range()).toBeNull();
  });

  it('keeps codes as text from the start', () => {
    const { analyzer, stored } = analyse(['530702', '530703'], '行政区划代码');
    expect(stored).toEqual(['530702', '530703']);
    expect(analyzer.needsRewrite()).toBe(false);
    expect(analyzer.range()).toEqual({ min: '530702', max: '530703' });
  });

  it('counts distinct and frequent values, estimating very varied columns', () => {
    const { analyzer } = analyse(['北湖', '城关', '北湖', '南山', '北湖', '城关']);
    expect(analyzer.distinct()).toEqual({ count: 3, approximate: false });
    expect(analyzer.top(5)).toEqual([
      { value: '北湖', count: 3 },
      { value: '城关', count: 2 },
    ]);
    const varied = analyse(Array.from({ length: 50_000 }, (_, i) => `id-${i}`)).analyzer.distinct();
    expect(varied.approximate).toBe(true);
    expect(Math.abs(varied.count - 50_000) / 50_000).toBeLessThan(0.03);
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

describe('normaliseCell (imports that know the types before writing)', () => {
  it('gives each cell the value the one-pass import leaves once its column is rewritten', () => {
    expect(normaliseCell('integer', ' 1,234 ')).toBe(1234);
    expect(normaliseCell('decimal', '1.50')).toBe(1.5);
    expect(normaliseCell('date', '2024年3月5日')).toBe('2024-03-05');
    expect(normaliseCell('boolean', '是')).toBe(1);
    expect(normaliseCell('boolean', 'No')).toBe(0);
    // Text keeps what was uploaded, digits and all; only spaces and control characters at the ends go.
    expect(normaliseCell('text', '007 ')).toBe('007');
    expect(normaliseCell('text', '\u3000全角')).toBe('\u3000全角');
    expect(normaliseCell('text', '   ')).toBeNull();
  });

  it('agrees with the analyzer on every column of a mixed file', () => {
    const columns = [
      ['12', '1,300', '-4', ''],
      ['0.5', '2', '1e3', '3.25'],
      ['2024/1/2', '2024-01-03', '2024年1月4日', ''],
      ['是', '否', 'yes', 'NO'],
      ['0012', '15', 'abc', '12.0'],
    ];
    for (const cells of columns) {
      const analyzer = ColumnAnalyzer.forHeader('列');
      const stored = cells.map((c) => analyzer.add(c));
      const type = analyzer.type();
      const normalised = cells.map((c) => normaliseCell(type, c));
      // Cells stored in their final form already are what normaliseCell gives.
      stored.forEach((value, i) => {
        if (!analyzer.needsRewrite(type) && value !== null) expect(normalised[i], `${type} ${cells[i]}`).toEqual(value);
      });
      expect(normalised.every((v) => v === null || (type === 'text' || type === 'date' ? typeof v === 'string' : typeof v === 'number')), type).toBe(true);
    }
  });
});
