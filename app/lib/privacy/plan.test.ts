import { describe, expect, it } from 'vitest';
import type { DatastoreColumn } from '~/lib/vocabulary';
import { servedPlan, unresolvedColumns } from './plan';

const columns: DatastoreColumn[] = [
  { name: '姓名', source: '姓名', type: 'text' },
  { name: '身份证号', source: '身份证号', type: 'text' },
  { name: '手机', source: '手机', type: 'text' },
  { name: '出生日期', source: '出生日期', type: 'date' },
  { name: '区县', source: '区县', type: 'text' },
];
const findings = [
  { column: '姓名', detector: 'name' as const },
  { column: '身份证号', detector: 'idCard' as const },
  { column: '手机', detector: 'mobile' as const },
];

describe('servedPlan', () => {
  it('blocks while any flagged column has no decision, naming those columns', () => {
    const plan = servedPlan({ columns, findings, decisions: [{ column: '姓名', action: 'drop', params: {}, detectors: [] }], suppression: null });
    expect(plan).toEqual({ kind: 'blocked', unresolved: ['身份证号', '手机'] });
  });

  it('serves the upload itself when every finding is marked not personal and nothing else changes', () => {
    const decisions = findings.map((f) => ({ column: f.column, action: 'notPersonal' as const, params: {}, detectors: [f.detector] }));
    expect(servedPlan({ columns, findings, decisions, suppression: null })).toEqual({ kind: 'asUploaded' });
  });

  it('builds a derived table: dropped columns leave, transformed ones become text, suppression keeps only served columns', () => {
    const plan = servedPlan({
      columns,
      findings,
      decisions: [
        { column: '姓名', action: 'drop', params: {}, detectors: [] },
        { column: '身份证号', action: 'mask', params: { keepStart: 6, keepEnd: 4 }, detectors: ['idCard'] },
        { column: '手机', action: 'pseudonymise', params: {}, detectors: ['mobile'] },
        { column: '出生日期', action: 'generalise', params: { to: 'year' }, detectors: [] },
      ],
      suppression: { columns: ['姓名', '出生日期', '区县'], k: 5 },
    });
    expect(plan.kind).toBe('derived');
    if (plan.kind !== 'derived') return;
    expect(plan.columns.map((c) => [c.name, c.type, c.decision?.action ?? null])).toEqual([
      ['身份证号', 'text', 'mask'],
      ['手机', 'text', 'pseudonymise'],
      ['出生日期', 'integer', 'generalise'],
      ['区县', 'text', null],
    ]);
    expect(plan.suppression).toEqual({ columns: ['出生日期', '区县'], k: 5 });
  });

  it('ignores decisions and findings about columns the new upload no longer has', () => {
    const plan = servedPlan({ columns: columns.slice(3), findings, decisions: [{ column: '备注', action: 'drop', params: {}, detectors: [] }], suppression: null });
    expect(plan).toEqual({ kind: 'asUploaded' });
  });

  it('blocks again when a later upload brings another kind of personal value into a decided column', () => {
    const notPersonal = [{ column: '姓名', action: 'notPersonal' as const, params: {}, detectors: ['address' as const] }];
    expect(unresolvedColumns(columns, [{ column: '姓名', detector: 'name' }], notPersonal)).toEqual(['姓名']);
    expect(unresolvedColumns(columns, [{ column: '姓名', detector: 'address' }], notPersonal)).toEqual([]);
    const dropped = [{ column: '姓名', action: 'drop' as const, params: {}, detectors: [] }];
    expect(unresolvedColumns(columns, [{ column: '姓名', detector: 'idCard' }], dropped)).toEqual([]);
  });
});
