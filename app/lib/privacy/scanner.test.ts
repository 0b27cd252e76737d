import { describe, expect, it } from 'vitest';
import { residentIdCheckDigit } from './detectors';
import { PrivacyScanner } from './scanner';

function residentId(n: number): string {
  const first17 = `3301021985${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
}
function withLuhn(prefix: string): string {
  for (let d = 0; d < 10; d += 1) {
    const candidate = prefix + d;
    let sum = 0;
    [...candidate].reverse().forEach((c, i) => {
      let v = Number(c);
      if (i % 2) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    });
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

function scan(headers: string[], rows: (string | null)[][]) {
  const scanner = new PrivacyScanner(headers);
  // Rows arrive in batches, as from the importer.
  for (let i = 0; i < rows.length; i += 7) scanner.observe(rows.slice(i, i + 7));
  return scanner.findings();
}

describe('PrivacyScanner', () => {
  it('flags personal columns with share and masked examples, never raw values', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [
      i % 20 === 0 ? '' : residentId(i),
      `138${String(10000000 + i * 7919).slice(-8)}`,
      `订单${20240315000000 + i}`,
      String(1000 + i * 3.5),
    ]);
    const findings = scan(['证件号', '电话', '订单号', '金额'], rows);
    expect(findings.map((f) => [f.column, f.detector, f.basis])).toEqual([
      ['证件号', 'idCard', 'both'],
      ['电话', 'mobile', 'values'],
    ]);
    const id = findings[0]!;
    expect(id.nonEmpty).toBe(95);
    expect(id.share).toBe(1);
    expect(id.examples.length).toBeGreaterThan(0);
    for (const example of id.examples) expect(example).toMatch(/^330102\*{8}\d{3}[\dX]$/);
  });

  it('does not flag codes that only look like personal numbers', () => {
    const usccs = ['91330100MA21111101', '123301004712345672'];
    const rows = Array.from({ length: 200 }, (_, i) => [
      usccs[i % 2] as string,
      ['330102', '330103', '330104'][i % 3] as string,
      String(1710468645000 + i * 1000),
      `2024031${i % 10}${String(123456 + i).padStart(6, '0')}`,
      // Random 16-digit serials: about one in ten passes Luhn by chance.
      String(4000000000000000 + i * 7777777),
      (i * 12.34).toFixed(2),
      ['城东区', '高新区', '王家镇', '李村'][i % 4] as string,
      '12:30:45',
    ]);
    expect(scan(['统一社会信用代码', '行政区划代码', '时间戳', '流水号', '序列号', '金额', '区县', '时间'], rows)).toEqual([]);
  });

  it('flags bank cards only when nearly every card-shaped value passes Luhn', () => {
    const cards = Array.from({ length: 50 }, (_, i) => [withLuhn(`62220212345${String(i).padStart(7, '0')}`)]);
    expect(scan(['卡号'], cards).map((f) => f.detector)).toEqual(['bankCard']);
  });

  it('flags personal values written inside free text', () => {
    const rows = Array.from({ length: 500 }, (_, i) => [i % 50 === 0 ? `市民来电反映路灯不亮，回电13812345${String(100 + i).slice(-3)}` : '路灯不亮，已派单维修']);
    const [finding] = scan(['备注'], rows);
    expect(finding).toMatchObject({ column: '备注', detector: 'mobile', matched: 10, nonEmpty: 500 });
    expect(finding?.examples[0]).toContain('138****5');
  });

  it('flags names and addresses by header even when values are messy, and by value shape', () => {
    const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周杰', '吴霞'];
    const rows = names.map((n, i) => [n, i % 2 ? '不详' : n, `云溪市城东区人民路${i + 1}号`]);
    const findings = scan(['联系人', 'col2', 'col3'], rows);
    expect(findings.map((f) => [f.column, f.detector, f.basis])).toEqual([
      ['联系人', 'name', 'both'],
      ['col3', 'address', 'values'],
    ]);
  });

  it('reports a header-only finding when the values do not match', () => {
    const findings = scan(['家庭住址'], [['城东区'], ['城西区']]);
    expect(findings).toEqual([expect.objectContaining({ column: '家庭住址', detector: 'address', basis: 'header', matched: 0 })]);
  });

  it('needs personal-looking values under a bare "name" header', () => {
    expect(scan(['name'], [['station-1'], ['北湖公园'], ['城东站']])).toEqual([]);
    expect(scan(['name'], [['张伟'], ['王芳'], ['北湖公园']]).map((f) => [f.detector, f.basis])).toEqual([['name', 'both']]);
  });

  it('ignores empty columns', () => {
    expect(scan(['姓名'], [[null], ['']])).toEqual([]);
  });
});
