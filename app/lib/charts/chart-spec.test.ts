import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../import/types';
import { chartSpecToParams, parseChartSpec } from './chart-spec';

const COLUMNS: { name: string; type: ColumnType }[] = [
  { name: '线路', type: 'text' },
  { name: '日期', type: 'date' },
  { name: '上车人次', type: 'integer' },
  { name: '票价', type: 'decimal' },
];

const parse = (query: string) => parseChartSpec(new URLSearchParams(query), COLUMNS);

describe('parseChartSpec', () => {
  it('is null when no chart is asked for', () => {
    expect(parse('eq.线路=1路')).toBeNull();
  });

  it('counts rows by default and ignores a y that a count does not use', () => {
    expect(parse('chart=bar&x=线路&y=上车人次')).toEqual({ ok: true, spec: { type: 'bar', x: '线路', agg: 'count', y: null, series: null } });
  });

  it('reads an aggregate of a numeric column split by another column', () => {
    expect(parse('chart=line&x=日期&agg=mean&y=票价&series=线路')).toEqual({ ok: true, spec: { type: 'line', x: '日期', agg: 'mean', y: '票价', series: '线路' } });
  });

  it('names the field at fault', () => {
    expect(parse('chart=area&x=线路')).toEqual({ ok: false, problem: { field: 'chart', code: 'unknownType' } });
    expect(parse('chart=bar')).toEqual({ ok: false, problem: { field: 'x', code: 'required' } });
    expect(parse('chart=bar&x=nope')).toEqual({ ok: false, problem: { field: 'x', code: 'unknownColumn' } });
    expect(parse('chart=bar&x=线路&agg=median&y=票价')).toEqual({ ok: false, problem: { field: 'agg', code: 'unknownAggregate' } });
    expect(parse('chart=bar&x=线路&agg=sum')).toEqual({ ok: false, problem: { field: 'y', code: 'required' } });
    expect(parse('chart=bar&x=线路&agg=sum&y=日期')).toEqual({ ok: false, problem: { field: 'y', code: 'notNumeric' } });
    expect(parse('chart=bar&x=线路&series=线路')).toEqual({ ok: false, problem: { field: 'series', code: 'sameColumn' } });
    expect(parse('chart=bar&x=线路&series=_id')).toEqual({ ok: false, problem: { field: 'series', code: 'unknownColumn' } });
  });

  it('wants two numeric axes for a scatter plot', () => {
    expect(parse('chart=scatter&x=线路&y=票价')).toEqual({ ok: false, problem: { field: 'x', code: 'notNumeric' } });
    expect(parse('chart=scatter&x=上车人次')).toEqual({ ok: false, problem: { field: 'y', code: 'required' } });
    expect(parse('chart=scatter&x=上车人次&y=票价&agg=sum&series=线路')).toEqual({ ok: true, spec: { type: 'scatter', x: '上车人次', agg: 'count', y: '票价', series: '线路' } });
  });

  it('draws a pie without series', () => {
    expect(parse('chart=pie&x=线路&series=日期')).toEqual({ ok: true, spec: { type: 'pie', x: '线路', agg: 'count', y: null, series: null } });
  });

  it('writes back what it read', () => {
    const parsed = parse('chart=line&x=日期&agg=max&y=票价&series=线路');
    if (!parsed?.ok) throw new Error('expected a chart');
    expect(parseChartSpec(chartSpecToParams(parsed.spec), COLUMNS)).toEqual(parsed);
  });
});
